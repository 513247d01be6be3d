import { TelegramError } from "telegraf";
import { createKeyedQueue } from "../../../src/coordination/keyed-queue.ts";
import type { Logger } from "../../../src/core/logger.ts";
import { HandlerError, isNetworkFailure, NetworkError, PlatformError } from "../../../src/model/errors.ts";
import { wellFormedDeep } from "../../../src/model/well-formed.ts";

/** One Bot API call: the injectable layer every outgoing request goes through. */
export type CallApi = (
  method: string,
  payload: Record<string, unknown>,
  signal: AbortSignal,
) => Promise<unknown>;

/** How hard to try before giving up on a request. */
export interface RetryPolicy {
  /** Attempts per request, the first included (429s and network failures both count). */
  maxAttempts: number;
  /** First back-off after a network failure; doubles each time. */
  baseDelayMs: number;
  /** A 429 asking to wait longer than this fails at once instead of holding the chat's queue. */
  maxRetryAfterSeconds: number;
  /** A request that has not answered by then counts as a network failure. */
  requestTimeoutMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 500,
  maxRetryAfterSeconds: 60,
  requestTimeoutMs: 30_000,
};

/** Telegram asked us to slow down (429); `retryAfter` is in seconds. */
class RateLimited extends PlatformError {
  constructor(
    message: string,
    readonly retryAfter: number,
  ) {
    super(message, 429);
  }
}

/**
 * Sorts a failed call into STYLE.md's kinds: the platform said no (4xx → {@link PlatformError},
 * with `status`), it could not be reached, timed out or failed on its side (network errors and
 * 5xx → {@link NetworkError}: retrying may help), or our side threw before or around the request
 * (a URIError, a TypeError… → {@link HandlerError}: a bug or bad data, never retried).
 * @see https://core.telegram.org/bots/api#making-requests
 */
export function classifyError(error: unknown, method: string): PlatformError | NetworkError | HandlerError {
  if (error instanceof PlatformError || error instanceof NetworkError || error instanceof HandlerError)
    return error;
  if (error instanceof TelegramError) {
    const code = Number(error.code);
    const what = `Telegram refused ${method} (${code}): ${error.description}`;
    if (code === 429) return new RateLimited(what, error.parameters?.retry_after ?? 1);
    if (code >= 400 && code < 500) return new PlatformError(what, code, { cause: error });
    return new NetworkError(`Telegram failed ${method} (${code || "no status"}): ${error.description}`, {
      cause: error,
    });
  }
  const message = error instanceof Error ? error.message : String(error);
  if (isNetworkFailure(error))
    return new NetworkError(`Could not reach the Telegram Bot API for ${method}: ${message}`, {
      cause: error,
    });
  const name = error instanceof Error ? error.name : typeof error;
  return new HandlerError(
    `Telegram ${method} could not be sent (${name}: ${message}); not retried. This is a bug in Switchboard: please report it with this log line.`,
    { cause: error },
  );
}

/** Waits `ms`, or rejects as soon as `signal` aborts (nothing is left scheduled). */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new NetworkError("Telegram adapter stopped"));
    const onAbort = () => {
      clearTimeout(timer);
      reject(new NetworkError("Telegram adapter stopped"));
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

/** Runs one call with a timeout that also ends when `stop` aborts. */
export async function callWithTimeout(
  callApi: CallApi,
  method: string,
  payload: Record<string, unknown>,
  timeoutMs: number,
  stop: AbortSignal,
): Promise<unknown> {
  const controller = new AbortController();
  const abort = () => controller.abort();
  const timer = setTimeout(abort, timeoutMs);
  stop.addEventListener("abort", abort, { once: true });
  try {
    // A lone surrogate in the text cannot be sent as UTF-8: it becomes U+FFFD here.
    return await callApi(method, wellFormedDeep(payload), controller.signal);
  } catch (error) {
    if (stop.aborted) throw new NetworkError("Telegram adapter stopped", { cause: error });
    throw classifyError(error, method);
  } finally {
    clearTimeout(timer);
    stop.removeEventListener("abort", abort);
  }
}

export interface Sender {
  /**
   * Calls `method` after every earlier call queued under `key` (a chat) has settled, so messages to
   * one chat stay in order even while one of them waits out a 429. Retries 429s after
   * `retry_after` and network failures and 5xx with exponential back-off, at most
   * `maxAttempts` times; a 4xx or an error of our own is thrown at once.
   */
  call(key: string, method: string, payload: Record<string, unknown>): Promise<unknown>;
  /** One attempt, no queue: for calls whose failure only costs cosmetics (typing, commands list). */
  once(method: string, payload: Record<string, unknown>): Promise<unknown>;
}

/** @see https://core.telegram.org/bots/faq#my-bot-is-hitting-limits-how-do-i-avoid-this */
export function createSender(options: {
  callApi: CallApi;
  policy: RetryPolicy;
  logger: Logger;
  stop: AbortSignal;
}): Sender {
  const { callApi, policy, logger, stop } = options;
  const queue = createKeyedQueue();

  async function withRetry(method: string, payload: Record<string, unknown>): Promise<unknown> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await callWithTimeout(callApi, method, payload, policy.requestTimeoutMs, stop);
      } catch (error) {
        const failure = error as PlatformError | NetworkError | HandlerError;
        if (stop.aborted || attempt >= policy.maxAttempts) throw failure;
        let waitMs: number;
        if (failure instanceof RateLimited) {
          if (failure.retryAfter > policy.maxRetryAfterSeconds) throw failure;
          waitMs = failure.retryAfter * 1000;
        } else if (failure instanceof NetworkError) {
          waitMs = policy.baseDelayMs * 2 ** (attempt - 1);
        } else {
          throw failure;
        }
        logger.warn({ method, attempt, waitMs, err: failure.message }, "Telegram call failed; retrying");
        await sleep(waitMs, stop);
      }
    }
  }

  return {
    call: (key, method, payload) => queue(key, () => withRetry(method, payload)),
    once: (method, payload) => callWithTimeout(callApi, method, payload, policy.requestTimeoutMs, stop),
  };
}
