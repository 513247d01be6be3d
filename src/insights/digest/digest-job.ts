import type { Coordinator } from "../../core/coordinator.ts";
import type { Logger } from "../../core/logger.ts";
import { ConfigError } from "../../model/errors.ts";
import { isoDate, toZoned } from "../../tickets/sla/zoned-time.ts";

const WEEKDAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

/** When the digest goes out each week: a weekday and a minute of the day, in the SLA time zone. */
export interface DigestTime {
  weekday: number;
  minuteOfDay: number;
}

/** Parses INSIGHTS_DIGEST_AT, e.g. `mon 09:00`. */
export function parseDigestTime(value: string): DigestTime {
  const match = /^(sun|mon|tue|wed|thu|fri|sat)\s+([01]\d|2[0-3]):([0-5]\d)$/i.exec(value.trim());
  if (!match) {
    throw new ConfigError(
      `INSIGHTS_DIGEST_AT="${value}" is not a weekly time: write a weekday and a time, e.g. "mon 09:00"`,
    );
  }
  const [, weekday = "", hour = "0", minute = "0"] = match;
  return {
    weekday: WEEKDAYS.indexOf(weekday.toLowerCase()),
    minuteOfDay: Number(hour) * 60 + Number(minute),
  };
}

/**
 * Posts the weekly digest: every `intervalMs` it checks whether this week's time has come (on the
 * day, at or after the time, so a process started later that day still sends it) and claims the
 * day through the coordinator, so of several processes one posts, once.
 */
export function startDigestJob(deps: {
  at: DigestTime;
  timeZone: string;
  coordinator: Pick<Coordinator, "claimOnce" | "releaseClaim">;
  /** Builds and posts the digest. */
  send: () => Promise<void>;
  logger: Logger;
  now?: () => number;
  intervalMs?: number;
}): { runOnce(): Promise<boolean>; stop(): void } {
  const now = deps.now ?? Date.now;
  const log = deps.logger.child({ component: "insights-digest" });
  async function runOnce(): Promise<boolean> {
    const zoned = toZoned(now(), deps.timeZone);
    if (zoned.weekday !== deps.at.weekday || zoned.hour * 60 + zoned.minute < deps.at.minuteOfDay)
      return false;
    const key = `insights-digest:${isoDate(zoned)}`;
    if (!(await deps.coordinator.claimOnce(key, 8 * 24 * 3_600_000))) return false;
    try {
      await deps.send();
      log.info({ day: isoDate(zoned) }, "weekly insights digest posted");
      return true;
    } catch (error) {
      // Give the day back: the next check tries again.
      await deps.coordinator.releaseClaim(key);
      throw error;
    }
  }
  const timer = setInterval(() => {
    runOnce().catch((error) => log.warn({ err: error }, "weekly insights digest not posted; retrying"));
  }, deps.intervalMs ?? 60_000);
  timer.unref();
  return { runOnce, stop: () => clearInterval(timer) };
}
