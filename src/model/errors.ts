/** Machine-readable error codes; each says who has to act. */
export type SwitchboardErrorCode =
  | "CONFIG_INVALID"
  | "KB_INVALID"
  | "EVENT_INVALID"
  | "PLATFORM_REJECTED"
  | "NETWORK_FAILED"
  | "HANDLER_FAILED"
  | "STORE_FAILED";

/** Base error: `code` for programs, `message` for the operator (it says what to do). */
export class SwitchboardError extends Error {
  readonly code: SwitchboardErrorCode;

  constructor(code: SwitchboardErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "SwitchboardError";
    this.code = code;
  }
}

/** Configuration is missing or wrong: the message names the variable and what to set. */
export class ConfigError extends SwitchboardError {
  constructor(message: string) {
    super("CONFIG_INVALID", message);
    this.name = "ConfigError";
  }
}

/** An inbound event did not match the neutral model; nothing was processed. */
export class EventError extends SwitchboardError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("EVENT_INVALID", message, options);
    this.name = "EventError";
  }
}

/** The platform answered but refused (4xx): retrying the same request will not help. */
export class PlatformError extends SwitchboardError {
  readonly status: number | undefined;
  constructor(message: string, status?: number, options?: { cause?: unknown }) {
    super("PLATFORM_REJECTED", message, options);
    this.name = "PlatformError";
    this.status = status;
  }
}

/** The platform could not be reached or timed out: retrying may help. */
export class NetworkError extends SwitchboardError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("NETWORK_FAILED", message, options);
    this.name = "NetworkError";
  }
}

/** Our own flow code threw while handling a turn. */
export class HandlerError extends SwitchboardError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("HANDLER_FAILED", message, options);
    this.name = "HandlerError";
  }
}

/**
 * True when retrying may help: the platform could not be reached or timed out
 * ({@link NetworkError}, which adapters also use for 5xx), or asked us to slow down (429). A
 * refusal (4xx), data the request cannot carry (a URIError from a lone surrogate), a validation
 * error or a bug fail the same way every time: retrying them only holds up what is queued behind.
 */
export function isTransient(error: unknown): boolean {
  if (error instanceof NetworkError) return true;
  return (
    error instanceof PlatformError &&
    error.status !== undefined &&
    (error.status === 429 || error.status >= 500)
  );
}

const NETWORK_ERROR_NAMES = new Set([
  "FetchError", // node-fetch (Telegraf)
  "AbortError", // a request aborted by its timeout
  "TimeoutError", // AbortSignal.timeout()
  "ConnectTimeoutError",
  "HeadersTimeoutError",
  "BodyTimeoutError",
  "SocketError",
]);

const NETWORK_ERROR_CODES = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "ECONNABORTED",
  "ETIMEDOUT",
  "ESOCKETTIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "EHOSTDOWN",
  "ENETUNREACH",
  "ENETDOWN",
]);

/**
 * True for a failure of the transport itself — connection refused or reset, DNS, a timeout —
 * as Node's fetch (undici: `TypeError: fetch failed` with a cause), node-fetch and the socket
 * layer report it. Anything else thrown around a request (URIError, TypeError, RangeError…) is
 * a bug or bad data, not the network.
 */
export function isNetworkFailure(error: unknown, depth = 0): boolean {
  if (!(error instanceof Error) || depth > 3) return false;
  const code = (error as { code?: unknown }).code;
  if (NETWORK_ERROR_NAMES.has(error.name)) return true;
  if (typeof code === "string" && (NETWORK_ERROR_CODES.has(code) || code.startsWith("UND_ERR_"))) return true;
  if (error instanceof TypeError && error.message === "fetch failed") return true;
  return isNetworkFailure(error.cause, depth + 1);
}
