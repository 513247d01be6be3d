import { type Logger as BoltLogger, LogLevel } from "@slack/bolt";
import type { Logger } from "../../../src/core/logger.ts";

/**
 * The label of a Bolt or WebClient log message: the text before the payload it appends. At debug
 * they log whole request and response bodies — "http request body: {…}", "http request result:
 * {…}", "ack() response sent (body: …)", an incoming event as bare JSON — and with them the
 * customer's text, e-mail and phone (issue 11). Only the first string part counts (later ones
 * are details such as `("http request failed", message)`), and from its first `:`, `(`, `{`, `[`,
 * `=` or quote on everything is dropped, at every level.
 */
export function boltMessageLabel(parts: readonly unknown[]): string {
  const first = parts.find((part): part is string => typeof part === "string") ?? "";
  const payload = first.search(/[:({["'`=]/);
  return (payload === -1 ? first : first.slice(0, payload)).trim().slice(0, 120);
}

/**
 * Bolt's (and its WebClient's) logger interface over our pino logger, so Slack SDK messages are
 * structured JSON like everything else — their labels only (see {@link boltMessageLabel}); an
 * Error goes to `err`, which the root logger reduces to type, message, code and stack. Other
 * objects passed to the logger are payloads and are dropped. The level stays pino's
 * (`LOG_LEVEL`): Bolt's `setLevel` is ignored.
 * @see https://docs.slack.dev/tools/bolt-js/concepts/logging
 */
export function createBoltLogger(logger: Logger): BoltLogger {
  const log = logger.child({ component: "slack-bolt" });
  const errorOf = (parts: unknown[]) => parts.find((part): part is Error => part instanceof Error);
  const write = (level: "debug" | "info" | "warn" | "error", parts: unknown[]) => {
    const label = boltMessageLabel(parts);
    const err = errorOf(parts);
    if (!label && !err) return;
    if (err) log[level]({ err }, label || err.name);
    else log[level](label);
  };
  return {
    debug: (...parts: unknown[]) => write("debug", parts),
    info: (...parts: unknown[]) => write("info", parts),
    warn: (...parts: unknown[]) => write("warn", parts),
    error: (...parts: unknown[]) => write("error", parts),
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
