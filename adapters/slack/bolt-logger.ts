import { type Logger as BoltLogger, LogLevel } from "@slack/bolt";
import type { Logger } from "../../src/core/logger.ts";

/**
 * Bolt's (and its WebClient's) logger interface over our pino logger, so Slack SDK messages are
 * structured JSON like everything else. The level stays pino's (`LOG_LEVEL`): Bolt's `setLevel` is
 * ignored.
 * @see https://docs.slack.dev/tools/bolt-js/concepts/logging
 */
export function createBoltLogger(logger: Logger): BoltLogger {
  const log = logger.child({ component: "slack-bolt" });
  const text = (parts: unknown[]) =>
    parts
      .map((part) =>
        typeof part === "string" ? part : part instanceof Error ? part.message : JSON.stringify(part),
      )
      .join(" ");
  const errorOf = (parts: unknown[]) => parts.find((part): part is Error => part instanceof Error);
  return {
    debug: (...parts: unknown[]) => log.debug(text(parts)),
    info: (...parts: unknown[]) => log.info(text(parts)),
    warn: (...parts: unknown[]) => log.warn({ err: errorOf(parts) }, text(parts)),
    error: (...parts: unknown[]) => log.error({ err: errorOf(parts) }, text(parts)),
    setLevel: () => undefined,
    getLevel: () => {
      if (log.isLevelEnabled("debug")) return LogLevel.DEBUG;
      if (log.isLevelEnabled("info")) return LogLevel.INFO;
      if (log.isLevelEnabled("warn")) return LogLevel.WARN;
      return LogLevel.ERROR;
    },
    setName: () => undefined,
  };
}
