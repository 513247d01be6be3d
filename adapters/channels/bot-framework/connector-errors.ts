import { isNetworkFailure, NetworkError, PlatformError } from "../../../src/model/errors.ts";

interface HttpFailure {
  statusCode?: unknown;
  response?: { status?: unknown };
}

/** The HTTP status of a failed connector call (botbuilder's `RestError`), if it got an answer. */
export function statusOf(error: unknown): number | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const failure = error as HttpFailure;
  const status = failure.statusCode ?? failure.response?.status;
  return typeof status === "number" && status > 0 ? status : undefined;
}

/**
 * A connector call that failed for good, as Switchboard's errors. botbuilder's connector client
 * already retried what may pass later — its Azure pipeline retries 429 (after `Retry-After`), 5xx
 * and network failures three times with exponential back-off — so what arrives here is final:
 * {@link PlatformError} when the connector refused (4xx, or still 429), {@link NetworkError} when it
 * could not be reached or kept failing (5xx).
 * @see https://learn.microsoft.com/microsoftteams/platform/bots/how-to/rate-limit
 */
export function connectorError(label: string, error: unknown): PlatformError | NetworkError {
  const status = statusOf(error);
  const message = error instanceof Error ? error.message : String(error);
  if (status !== undefined && status < 500)
    return new PlatformError(`Bot Framework connector refused ${label} (${status}): ${message}`, status, {
      cause: error,
    });
  const reason =
    status === undefined ? (isNetworkFailure(error) ? "unreachable" : "failed") : `answered ${status}`;
  return new NetworkError(`Bot Framework connector ${reason} on ${label}: ${message}`, { cause: error });
}
