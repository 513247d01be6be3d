import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from "openai";
import type {
  ChatCompletion,
  ChatCompletionChunk,
  ChatCompletionCreateParamsNonStreaming,
  ChatCompletionCreateParamsStreaming,
} from "openai/resources/chat/completions";
import type { Stream } from "openai/streaming";
import type { z } from "zod";
import { createDeadline, type Deadline, sleep, untilAborted } from "./deadline.ts";
import type { LlmRuntime } from "./runtime.ts";
import type { LlmFallbackReason, LlmTask, LlmUsage } from "./types.ts";

/** One structured-output request: a system prompt, the data as one user message, a JSON schema. */
export interface ModelRequest {
  task: LlmTask;
  system: string;
  user: string;
  schema: { name: string; schema: Record<string, unknown> };
  maxTokens: number;
}

export type ModelFailure = { ok: false; reason: LlmFallbackReason; usage?: LlmUsage };
export type ModelOutcome = { ok: true; content: string; usage: LlmUsage } | ModelFailure;

function baseParams(rt: LlmRuntime, request: ModelRequest) {
  return {
    model: rt.model,
    messages: [
      { role: "system" as const, content: request.system },
      { role: "user" as const, content: request.user },
    ],
    response_format: {
      type: "json_schema" as const,
      json_schema: { name: request.schema.name, schema: request.schema.schema, strict: true },
    },
    [rt.maxTokensField]: request.maxTokens,
  };
}

/**
 * Runs one non-streaming structured-output call within `LLM_TIMEOUT_MS` (retries included),
 * records its usage, and never throws: every failure becomes a fallback reason.
 */
export async function completeJson(
  rt: LlmRuntime,
  request: ModelRequest,
  signal?: AbortSignal,
): Promise<ModelOutcome> {
  if (await rt.ledger.exceeded()) return { ok: false, reason: "budget" };
  const deadline = createDeadline(rt.timeoutMs, signal);
  const started = performance.now();
  try {
    const params: ChatCompletionCreateParamsNonStreaming = baseParams(rt, request);
    const sent = await withRetries(rt, request.task, deadline, (timeout) =>
      rt.client.chat.completions.create(params, { signal: deadline.signal, timeout, maxRetries: 0 }),
    );
    if (!sent.ok) return sent;
    const completion: ChatCompletion = sent.value;
    const message = completion.choices[0]?.message;
    const content = message?.content ?? "";
    const usage = usageOf(completion.usage, request, content);
    await recordUsage(rt, request.task, usage, started);
    if (message?.refusal || content.trim() === "") return { ok: false, reason: "invalid_output", usage };
    return { ok: true, content, usage };
  } finally {
    deadline.dispose();
  }
}

/**
 * Opens a streaming call (retrying a refused start like {@link completeJson}). The caller reads the
 * chunks, records usage with {@link recordUsage} and disposes of `deadline`.
 */
export async function openStream(
  rt: LlmRuntime,
  request: ModelRequest,
  deadline: Deadline,
): Promise<{ ok: true; stream: Stream<ChatCompletionChunk> } | ModelFailure> {
  const params: ChatCompletionCreateParamsStreaming = {
    ...baseParams(rt, request),
    stream: true,
    stream_options: { include_usage: true },
  };
  const opened = await withRetries(rt, request.task, deadline, (timeout) =>
    rt.client.chat.completions.create(params, { signal: deadline.signal, timeout, maxRetries: 0 }),
  );
  return opened.ok ? { ok: true, stream: opened.value } : opened;
}

/** Adds a call's tokens to the monthly ledger (a ledger failure is logged, never thrown). */
export async function recordUsage(
  rt: LlmRuntime,
  task: LlmTask,
  usage: LlmUsage,
  startedAt: number,
): Promise<void> {
  rt.logger.debug({ task, usage, ms: Math.round(performance.now() - startedAt) }, "llm call");
  await rt.ledger.record(task, usage).catch((error: unknown) => {
    rt.logger.warn(
      { err: error, task },
      "could not record LLM token usage; the monthly budget may undercount",
    );
  });
}

/** The server's counts, or an estimate (about 3 characters a token) when it sends none. */
export function usageOf(
  reported: { prompt_tokens: number; completion_tokens: number; total_tokens: number } | null | undefined,
  request: ModelRequest,
  content: string,
): LlmUsage {
  if (reported) {
    return {
      promptTokens: reported.prompt_tokens,
      completionTokens: reported.completion_tokens,
      totalTokens: reported.total_tokens,
    };
  }
  const promptTokens = Math.ceil((request.system.length + request.user.length) / 3);
  const completionTokens = Math.ceil(content.length / 3);
  return { promptTokens, completionTokens, totalTokens: promptTokens + completionTokens };
}

interface Classified {
  reason: LlmFallbackReason;
  retryable: boolean;
  status?: number;
}

function classify(error: unknown): Classified {
  if (error instanceof APIUserAbortError) return { reason: "aborted", retryable: false };
  if (error instanceof APIConnectionTimeoutError) return { reason: "timeout", retryable: false };
  if (error instanceof APIConnectionError) return { reason: "upstream_error", retryable: true };
  if (error instanceof APIError && typeof error.status === "number") {
    const status = error.status;
    if (status === 429) return { reason: "rate_limited", retryable: true, status };
    const retryable = status === 408 || status === 409 || status >= 500;
    return { reason: "upstream_error", retryable, status };
  }
  return { reason: "upstream_error", retryable: false };
}

const HINTS: Record<number, string> = {
  401: "OPENAI_API_KEY was rejected: check the key for this endpoint",
  403: "OPENAI_API_KEY may not use this model or endpoint",
  404: "OPENAI_MODEL or OPENAI_BASE_URL is wrong: the endpoint does not know this model or path",
};

/** `retry-after-ms`, then `retry-after` (seconds or an HTTP date), else exponential back-off. */
function retryDelay(error: unknown, retry: number, baseDelayMs: number): number {
  const headers = error instanceof APIError ? error.headers : undefined;
  const ms = Number.parseFloat(headers?.get("retry-after-ms") ?? "");
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const after = headers?.get("retry-after");
  if (after) {
    const seconds = Number.parseFloat(after);
    if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
    const date = Date.parse(after);
    if (Number.isFinite(date)) return Math.max(0, date - Date.now());
  }
  return baseDelayMs * 2 ** retry * (0.75 + Math.random() * 0.25);
}

/**
 * Calls `attempt` until it succeeds, the error is not retryable, the retries are spent, or waiting
 * as the server asks would overrun the deadline (then it gives up at once instead of waiting).
 */
async function withRetries<T>(
  rt: LlmRuntime,
  task: LlmTask,
  deadline: Deadline,
  attempt: (timeoutMs: number) => Promise<T>,
): Promise<{ ok: true; value: T } | ModelFailure> {
  for (let retry = 0; ; retry++) {
    try {
      const timeout = Math.max(1, Math.ceil(deadline.remaining()));
      return { ok: true, value: await untilAborted(attempt(timeout), deadline.signal) };
    } catch (error) {
      const fired = deadline.reason();
      if (fired) {
        rt.logger.warn({ task, reason: fired }, "LLM call stopped at its deadline; answering offline");
        return { ok: false, reason: fired };
      }
      const failure = classify(error);
      const wait =
        failure.retryable && retry < rt.retry.maxRetries
          ? retryDelay(error, retry, rt.retry.baseDelayMs)
          : undefined;
      if (wait === undefined || wait >= deadline.remaining()) {
        const hint = failure.status === undefined ? undefined : HINTS[failure.status];
        rt.logger.warn(
          { task, reason: failure.reason, status: failure.status, err: error },
          hint ?? "LLM call failed; answering offline",
        );
        return { ok: false, reason: failure.reason };
      }
      rt.logger.info({ task, status: failure.status, waitMs: Math.round(wait) }, "retrying LLM call");
      if (!(await sleep(wait, deadline.signal))) return { ok: false, reason: deadline.reason() ?? "timeout" };
    }
  }
}

/** Parses a model's JSON output with a zod schema; undefined when it is not valid JSON of that shape. */
export function parseOutput<T>(content: string, schema: z.ZodType<T>): T | undefined {
  try {
    const parsed = schema.safeParse(JSON.parse(content));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
