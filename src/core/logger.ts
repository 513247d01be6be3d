import { type DestinationStream, destination, type Logger, type LoggerOptions, pino } from "pino";

export type { Logger };

/**
 * Log lines never carry message text or personal data, at any level: call sites log ids, counts,
 * reasons and error messages only. These keys are censored in case one ever logs more (defence in
 * depth): credentials, and the fields that hold customer text or contact details in our models.
 */
export const REDACTED_LOG_PATHS = [
  "*.token",
  "*.password",
  "*.authorization",
  "*.secret",
  ...[
    "text",
    "body",
    "raw",
    "payload",
    "args",
    "email",
    "phone",
    "displayName",
    "summary",
    "transcript",
  ].flatMap((key) => [key, `*.${key}`]),
  "customer",
  "*.customer",
];

/**
 * Errors as their type, message, code, status and stack, and the same for their causes. Not the
 * other fields SDKs and drivers hang on them (pino's default serializer keeps them all): a
 * request body, a response, the row a database refused — customer text and contact details.
 */
export function serializeError(value: unknown, depth = 0): unknown {
  if (!(value instanceof Error)) return value;
  const fields = value as Error & { code?: unknown; status?: unknown; statusCode?: unknown };
  const out: Record<string, unknown> = { type: value.name, message: value.message };
  if (typeof fields.code === "string" || typeof fields.code === "number") out.code = fields.code;
  const status = typeof fields.status === "number" ? fields.status : fields.statusCode;
  if (typeof status === "number") out.status = status;
  if (value.stack) out.stack = value.stack;
  if (value.cause instanceof Error && depth < 3) out.cause = serializeError(value.cause, depth + 1);
  return out;
}

/** Options of {@link createLogger}. */
export interface CreateLoggerOptions {
  level?: string;
  name?: string;
  /** Where lines go (tests capture them); stderr by default. */
  destination?: DestinationStream;
}

/**
 * Creates the root logger. Child loggers carry `component` (adapter, flow) and `conversation`.
 * Logs go to stderr so CLI tools (replay, chat) keep stdout for their own output.
 */
export function createLogger(options: CreateLoggerOptions = {}): Logger {
  const config: LoggerOptions = {
    level: options.level ?? "info",
    name: options.name ?? "switchboard",
    redact: { paths: REDACTED_LOG_PATHS, censor: "[redacted]" },
    serializers: { err: serializeError },
  };
  return pino(config, options.destination ?? destination({ fd: 2, sync: false }));
}

/** A logger that discards everything (tests, benchmarks). */
export function createSilentLogger(): Logger {
  return pino({ level: "silent" });
}
