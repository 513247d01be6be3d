import type { Keyv } from "keyv";
import { OpenAI } from "openai";
import type { Logger } from "../core/logger.ts";
import { answerFromKb, type GroundedQuestion, type GroundedResult } from "./grounded-answer.ts";
import type { LlmSettings } from "./llm-config.ts";
import { type MachineTranslationOptions, machineTranslate } from "./machine-translation.ts";
import { type PickIntentInput, pickIntent } from "./pick-intent.ts";
import { type RerankInput, type RerankResult, rerankEntries } from "./rerank.ts";
import { createResponseCache } from "./response-cache.ts";
import { type RewriteInput, type RewriteResult, rewriteFollowUp } from "./rewrite-question.ts";
import type { LlmRuntime, RetryOptions } from "./runtime.ts";
import { type AnswerStreamEvent, streamAnswer } from "./stream-answer.ts";
import { type SummaryInput, summarize } from "./summarize.ts";
import { createUsageLedger, type MonthlyUsage } from "./usage-ledger.ts";

/** The optional LLM layer. Every method resolves (never throws) and has an offline meaning. */
export interface Llm {
  readonly model: string;
  /** `DESK_LANGUAGE`: what summaries are written in and desk translations target. */
  readonly deskLanguage: string;
  /** A cited answer from the given KB entries, or a fallback reason (then answer offline). */
  answerFromKb(input: GroundedQuestion): Promise<GroundedResult>;
  /** The same, as text deltas for channels that edit messages, ending with one `final` event. */
  streamAnswer(input: GroundedQuestion): AsyncGenerator<AnswerStreamEvent, void, undefined>;
  /** 2–3 summary lines for the desk, or undefined (then use the extractive summary). */
  summarize(input: SummaryInput): Promise<string[] | undefined>;
  /** `text` translated into `to`, or undefined (then show the original only). */
  translate(text: string, to: string, options?: MachineTranslationOptions): Promise<string | undefined>;
  /** One of the offered intent names, `"none"`, or undefined (then keep the classifier's verdict). */
  pickIntent(input: PickIntentInput): Promise<string | undefined>;
  /** Which of the clarify candidates answers the question (an id that was offered), or no decision. */
  rerank(input: RerankInput): Promise<RerankResult>;
  /** An elliptical follow-up rewritten as a standalone question for retrieval, or no rewrite. */
  rewriteFollowUp(input: RewriteInput): Promise<RewriteResult>;
  /** True once this month's tokens reach `LLM_MONTHLY_BUDGET_TOKENS`: every call answers offline. */
  budgetExceeded(): Promise<boolean>;
  /** Token usage of the month containing `at` (default: now), for reports and `/healthz`. */
  usage(at?: number): Promise<MonthlyUsage>;
}

export interface LlmDeps {
  /** Keyv namespace for cached answers and translations (e.g. `factory.namespace("llm-cache")`). */
  cache: Keyv<unknown>;
  /** Keyv namespace for monthly usage (e.g. `factory.namespace("llm-usage")`); keep it durable. */
  usage: Keyv<unknown>;
  logger: Logger;
  /** Clock for month boundaries; `Date.now` by default. */
  now?: () => number;
  retry?: RetryOptions;
}

const OPENAI_DEFAULT_BASE_URL = "https://api.openai.com/v1";

/**
 * Creates the LLM layer, or returns undefined when `OPENAI_API_KEY` is not set: callers treat
 * undefined as "offline" and everything keeps working.
 */
export function createLlm(config: LlmSettings, deps: LlmDeps): Llm | undefined {
  if (!config.OPENAI_API_KEY) return undefined;
  const logger = deps.logger.child({ component: "llm" });
  const baseURL = config.OPENAI_BASE_URL ?? OPENAI_DEFAULT_BASE_URL;
  const now = deps.now ?? Date.now;
  const runtime: LlmRuntime = {
    // Retries and the deadline are ours (bounded by LLM_TIMEOUT_MS), so the client's are off.
    client: new OpenAI({
      apiKey: config.OPENAI_API_KEY,
      baseURL,
      maxRetries: 0,
      timeout: config.LLM_TIMEOUT_MS,
      // The client's own messages go to our logger, without their request details.
      logLevel: "warn",
      logger: {
        error: (message) => logger.error(message),
        warn: (message) => logger.warn(message),
        info: (message) => logger.info(message),
        debug: (message) => logger.debug(message),
      },
    }),
    model: config.OPENAI_MODEL,
    timeoutMs: config.LLM_TIMEOUT_MS,
    deskLanguage: config.DESK_LANGUAGE ?? "en",
    maxTokensField: new URL(baseURL).hostname === "api.openai.com" ? "max_completion_tokens" : "max_tokens",
    retry: { maxRetries: deps.retry?.maxRetries ?? 1, baseDelayMs: deps.retry?.baseDelayMs ?? 250 },
    cache: createResponseCache(deps.cache, {
      ttlMs: config.LLM_CACHE_TTL_HOURS * 3_600_000,
      onError: (error) => logger.warn({ err: error }, "LLM cache unavailable; calling the model instead"),
    }),
    ledger: createUsageLedger(deps.usage, { budgetTokens: config.LLM_MONTHLY_BUDGET_TOKENS, now }),
    logger,
  };
  logger.info(
    { model: runtime.model, baseURL: new URL(baseURL).origin, budget: config.LLM_MONTHLY_BUDGET_TOKENS },
    "LLM layer enabled",
  );
  return {
    model: runtime.model,
    deskLanguage: runtime.deskLanguage,
    answerFromKb: (input) => answerFromKb(runtime, input),
    streamAnswer: (input) => streamAnswer(runtime, input),
    summarize: (input) => summarize(runtime, input),
    translate: (text, to, options) => machineTranslate(runtime, text, to, options),
    pickIntent: (input) => pickIntent(runtime, input),
    rerank: (input) => rerankEntries(runtime, input),
    rewriteFollowUp: (input) => rewriteFollowUp(runtime, input),
    budgetExceeded: () => runtime.ledger.exceeded(),
    usage: (at) => runtime.ledger.month(at),
  };
}
