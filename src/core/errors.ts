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
