import { destination, type Logger, type LoggerOptions, pino } from "pino";

export type { Logger };

/**
 * Creates the root logger. Child loggers carry `component` (adapter, flow) and `conversation`.
 * Logs go to stderr so CLI tools (replay, chat) keep stdout for their own output.
 */
export function createLogger(options: { level?: string; name?: string } = {}): Logger {
  const config: LoggerOptions = {
    level: options.level ?? "info",
    name: options.name ?? "switchboard",
    redact: { paths: ["*.token", "*.password", "*.authorization", "*.secret"], censor: "[redacted]" },
  };
  return pino(config, destination({ fd: 2, sync: false }));
}

/** A logger that discards everything (tests, benchmarks). */
export function createSilentLogger(): Logger {
  return pino({ level: "silent" });
}
