import { setTimeout as sleep } from "node:timers/promises";
import type { Logger } from "../../../src/core/logger.ts";
import { isNetworkFailure, NetworkError, PlatformError } from "../../../src/model/errors.ts";

/** How calls to a channel's connector are retried. */
export interface ConnectorRetryPolicy {
  /** Tries in all, the first included. */
  attempts: number;
  /** Wait before the first retry; doubled each time, unless the connector says `Retry-After`. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_CONNECTOR_RETRY: ConnectorRetryPolicy = {
  attempts: 4,
  baseDelayMs: 500,
  maxDelayMs: 15_000,
};

interface HttpFailure {
  statusCode?: unknown;
  response?: { status?: unknown; headers?: { get?(name: string): string | undefined } };
  message?: unknown;
}

/** The HTTP status of a failed connector call (botbuilder's RestError), if it got an answer. */
export function statusOf(error: unknown): number | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const failure = error as HttpFailure;
  const status = failure.statusCode ?? failure.response?.status;
  return typeof status === "number" && status > 0 ? status : undefined;
}

function retryAfterMs(error: unknown): number | undefined {
  const header = (error as HttpFailure).response?.headers?.get?.("retry-after");
  const seconds = header === undefined ? Number.NaN : Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}

/**
 * Runs one connector call, retrying what may pass later — 429 (after `Retry-After` when given),
 * 5xx and network failures — with exponential back-off. Gives up with {@link PlatformError}
 * (the connector refused: 4xx, or 429 to the end) or {@link NetworkError} (unreachable, 5xx).
 * @see https://learn.microsoft.com/microsoftteams/platform/bots/how-to/rate-limit
 */
export async function callConnector<T>(
  label: string,
  call: () => Promise<T>,
  policy: ConnectorRetryPolicy,
  log: Logger,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const status = statusOf(error);
      const transient = status === 429 || (status !== undefined && status >= 500) || isNetworkFailure(error);
      const message = error instanceof Error ? error.message : String(error);
      if (!transient || attempt >= policy.attempts) {
        if (status !== undefined && status < 500)
          throw new PlatformError(
            `Bot Framework connector refused ${label} (${status}): ${message}`,
            status,
            {
              cause: error,
            },
          );
        throw new NetworkError(
          `Bot Framework connector failed ${label}${status ? ` (${status})` : ""} after ${attempt} tries: ${message}`,
          { cause: error },
        );
      }
      const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
      const delay = Math.min(policy.maxDelayMs, retryAfterMs(error) ?? backoff);
      log.warn({ label, status, attempt, delayMs: delay }, "Bot Framework connector call failed; retrying");
      await sleep(delay);
    }
  }
}
