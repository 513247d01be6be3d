import { setTimeout as sleep } from "node:timers/promises";
import { DiscordAPIError, HTTPError } from "discord.js";
import { HandlerError, isNetworkFailure, NetworkError, PlatformError } from "../../../src/model/errors.ts";

/** How often and how patiently a failed REST call is retried. */
export interface RetryOptions {
  /** Total attempts, the first included (default 3). */
  attempts?: number;
  /** Wait before the second attempt; doubles after each failure (default 500 ms). */
  baseDelayMs?: number;
  /** Hears each retry (metrics: `switchboard_send_retries_total`). */
  onRetry?: (operation: string) => void;
}

/**
 * Discord error codes that mean "this conversation cannot be reached any more": the bot lost access
 * to the channel, the user closed their DMs or left, or the channel was deleted.
 *
 * @see https://discord.com/developers/docs/topics/opcodes-and-status-codes#json-json-error-codes
 */
export const UNDELIVERABLE_CODES: ReadonlySet<number> = new Set([
  10003, // Unknown Channel
  50001, // Missing Access
  50007, // Cannot send messages to this user
]);

const HINTS: Record<number, string> = {
  50001: "give the bot View Channel in that channel (or re-invite it with the permissions in the README)",
  50013:
    "give the bot the missing permission (Send Messages, Send Messages in Threads, Create Private Threads, …)",
  50035: "the message did not pass Discord's validation; this is a bug in the adapter, please report it",
};

/** Discord answered and refused (4xx). `discordCode` is the JSON error code, when Discord sent one. */
export class DiscordRefusedError extends PlatformError {
  readonly discordCode: number | undefined;

  constructor(operation: string, error: DiscordAPIError) {
    const code = typeof error.code === "number" ? error.code : undefined;
    const hint = code === undefined ? undefined : HINTS[code];
    super(
      `Discord refused ${operation}: ${error.message} (HTTP ${error.status}${code === undefined ? "" : `, code ${code}`})${hint ? `; ${hint}` : ""}`,
      error.status,
      { cause: error },
    );
    this.name = "DiscordRefusedError";
    this.discordCode = code;
  }

  /** The conversation is gone for good (see {@link UNDELIVERABLE_CODES}). */
  get undeliverable(): boolean {
    return this.discordCode !== undefined && UNDELIVERABLE_CODES.has(this.discordCode);
  }
}

/** True for what retrying may fix: the network failed or timed out, or Discord answered 5xx. */
function isRetryable(error: unknown): boolean {
  return (error instanceof HTTPError && error.status >= 500) || isNetworkFailure(error);
}

/**
 * Runs one REST call, retrying network failures and 5xx answers a bounded number of times with
 * exponential back-off. Discord's 4xx answers are final and become {@link DiscordRefusedError};
 * rate limits (429) never reach here because discord.js REST queues and waits them out. Anything
 * else (a TypeError or URIError of our own, a validation error) is a {@link HandlerError} at once:
 * it would fail the same way again. Exhausted retries become {@link NetworkError}.
 *
 * Retrying a POST is only safe when the request is idempotent: message creates carry a nonce with
 * `enforce_nonce`, so a retry after a lost response returns the first message instead of a copy.
 *
 * @see https://discord.com/developers/docs/topics/rate-limits
 */
export async function withRetry<T>(
  operation: string,
  call: () => Promise<T>,
  options: RetryOptions = {},
): Promise<T> {
  const attempts = Math.max(1, options.attempts ?? 3);
  const baseDelayMs = options.baseDelayMs ?? 500;
  let lastError: unknown;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (error instanceof DiscordAPIError) throw new DiscordRefusedError(operation, error);
      if (!isRetryable(error)) {
        const what = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        throw new HandlerError(
          `Discord ${operation} failed (${what}); not retried. This is a bug in Switchboard: please report it with this log line.`,
          { cause: error },
        );
      }
      lastError = error;
      if (attempt < attempts) {
        options.onRetry?.(operation);
        await sleep(baseDelayMs * 2 ** (attempt - 1));
      }
    }
  }
  const detail = lastError instanceof Error ? lastError.message : String(lastError);
  throw new NetworkError(
    `Discord ${operation} failed after ${attempts} attempts: ${detail}. Check the network path to Discord (DISCORD_API_URL).`,
    { cause: lastError },
  );
}
