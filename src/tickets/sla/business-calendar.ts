import type { SlaConfig } from "./sla-config.ts";
import { weekdayKeys } from "./sla-config.ts";
import { fromZoned, isoDate, type LocalDate, nextDate, toZoned, weekdayOf } from "./zoned-time.ts";

/** Business hours compiled for arithmetic: minutes of day per weekday (0 = Sunday), holidays, zone. */
export interface BusinessCalendar {
  readonly timeZone: string;
  readonly hours: readonly ({ startMinute: number; endMinute: number } | null)[];
  readonly holidays: ReadonlySet<string>;
}

/** Longest stretch searched for the next business moment: guards against a calendar of holidays. */
const MAX_DAYS = 3_660;

function minutes(clock: string): number {
  const [hours = "0", mins = "0"] = clock.split(":");
  return Number(hours) * 60 + Number(mins);
}

/** Compiles the calendar part of an SLA config. */
export function createBusinessCalendar(
  config: Pick<SlaConfig, "timeZone" | "businessHours" | "holidays">,
): BusinessCalendar {
  return {
    timeZone: config.timeZone,
    hours: weekdayKeys.map((key) => {
      const day = config.businessHours[key];
      return day ? { startMinute: minutes(day.start), endMinute: minutes(day.end) } : null;
    }),
    holidays: new Set(config.holidays),
  };
}

/** The business window of one local date as epoch ms, or undefined when closed. */
function windowOf(date: LocalDate, calendar: BusinessCalendar): { open: number; close: number } | undefined {
  const hours = calendar.hours[weekdayOf(date)];
  if (!hours || calendar.holidays.has(isoDate(date))) return undefined;
  return {
    open: fromZoned(date, hours.startMinute, calendar.timeZone),
    close: fromZoned(date, hours.endMinute, calendar.timeZone),
  };
}

/** Business windows from the local date of `from` onwards, in order. */
function* windowsFrom(from: number, calendar: BusinessCalendar): Generator<{ open: number; close: number }> {
  const start = toZoned(from, calendar.timeZone);
  let date: LocalDate = { year: start.year, month: start.month, day: start.day };
  for (let i = 0; i < MAX_DAYS; i += 1) {
    const window = windowOf(date, calendar);
    if (window) yield window;
    date = nextDate(date);
  }
  throw new Error(
    `No business hours within ${MAX_DAYS} days of ${new Date(from).toISOString()}: check the SLA business hours and holidays.`,
  );
}

/**
 * The instant `durationMs` of business time after `start`. Time outside business hours, on closed
 * weekdays and on holidays does not count. A duration that ends exactly at closing time returns the
 * closing time. With `durationMs = 0` this is {@link nextBusinessMoment}.
 */
export function addBusinessTime(start: number, durationMs: number, calendar: BusinessCalendar): number {
  if (!(durationMs >= 0)) throw new RangeError(`durationMs must be >= 0, got ${durationMs}`);
  let remaining = durationMs;
  for (const { open, close } of windowsFrom(start, calendar)) {
    const from = Math.max(start, open);
    if (from >= close) continue;
    if (remaining <= close - from) return from + remaining;
    remaining -= close - from;
  }
  throw new Error("unreachable: windowsFrom throws when it runs out");
}

/** Business time between two instants, in ms (0 when `b <= a`). */
export function businessTimeBetween(a: number, b: number, calendar: BusinessCalendar): number {
  let total = 0;
  if (b <= a) return total;
  for (const { open, close } of windowsFrom(a, calendar)) {
    if (open >= b) break;
    const overlap = Math.min(close, b) - Math.max(open, a);
    if (overlap > 0) total += overlap;
  }
  return total;
}

/**
 * `t` itself when it falls in business hours, otherwise the next opening time: when a person starts
 * looking at a ticket created at `t` ("our team is back Monday 09:00").
 */
export function nextBusinessMoment(t: number, calendar: BusinessCalendar): number {
  return addBusinessTime(t, 0, calendar);
}

/** True when `t` falls within business hours. */
export function isBusinessTime(t: number, calendar: BusinessCalendar): boolean {
  return nextBusinessMoment(t, calendar) === t;
}
