import type { OpenAI } from "openai";
import type { Logger } from "../core/logger.ts";
import type { ResponseCache } from "./response-cache.ts";
import type { UsageLedger } from "./usage-ledger.ts";

/** Bounded retries for 408/409/429/5xx and connection failures, inside the call's deadline. */
export interface RetryOptions {
  /** Retries after the first attempt (default 1: one 429 or 500 is retried, a second one falls back). */
  maxRetries?: number;
  /** First back-off when the server sends no `retry-after` (default 250 ms, doubled per retry). */
  baseDelayMs?: number;
}

/** Everything the task modules share: one client, its limits, the cache and the usage ledger. */
export interface LlmRuntime {
  readonly client: OpenAI;
  readonly model: string;
  readonly timeoutMs: number;
  readonly deskLanguage: string;
  /** api.openai.com wants `max_completion_tokens`; compatible servers know `max_tokens`. */
  readonly maxTokensField: "max_tokens" | "max_completion_tokens";
  readonly retry: Required<RetryOptions>;
  readonly cache: ResponseCache;
  readonly ledger: UsageLedger;
  readonly logger: Logger;
}
