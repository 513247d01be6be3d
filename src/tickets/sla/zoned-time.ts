/** A wall-clock date and time in some time zone (month 1–12, weekday 0 = Sunday). */
export interface ZonedDateTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number;
}

/** A calendar date without time or zone. */
export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** True when `timeZone` is an IANA zone name this runtime knows (e.g. `Asia/Seoul`). */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock time at `epochMs` in `timeZone`, using the runtime's tz database (Intl). */
export function toZoned(epochMs: number, timeZone: string): ZonedDateTime {
  const fields: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(epochMs)) {
    if (part.type !== "literal") fields[part.type] = Number(part.value);
  }
  const year = fields.year ?? 1970;
  const month = fields.month ?? 1;
  const day = fields.day ?? 1;
  return {
    year,
    month,
    day,
    hour: fields.hour ?? 0,
    minute: fields.minute ?? 0,
    second: fields.second ?? 0,
    weekday: weekdayOf({ year, month, day }),
  };
}

/** Offset of `timeZone` from UTC at `epochMs`, in ms (KST: +9 h). */
function timeZoneOffsetMs(epochMs: number, timeZone: string): number {
  const z = toZoned(epochMs, timeZone);
  const asUtc = Date.UTC(z.year, z.month - 1, z.day, z.hour, z.minute, z.second);
  return asUtc - (epochMs - (((epochMs % 1000) + 1000) % 1000));
}

/**
 * The instant when the wall clock in `timeZone` shows `date` at `minuteOfDay` (may be 1440 = the
 * next midnight). A wall time that a DST jump skips resolves to an instant one jump away from it;
 * a wall time that repeats (fall back) resolves to its first occurrence.
 */
export function fromZoned(date: LocalDate, minuteOfDay: number, timeZone: string): number {
  const wall = Date.UTC(date.year, date.month - 1, date.day, 0, minuteOfDay);
  const firstGuess = timeZoneOffsetMs(wall, timeZone);
  let instant = wall - firstGuess;
  const secondGuess = timeZoneOffsetMs(instant, timeZone);
  if (secondGuess !== firstGuess) {
    const alternative = wall - secondGuess;
    if (timeZoneOffsetMs(alternative, timeZone) === secondGuess) instant = alternative;
  }
  return instant;
}

/** Day of week of a calendar date, 0 = Sunday. */
export function weekdayOf(date: LocalDate): number {
  return new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
}

/** The calendar date after `date`. */
export function nextDate(date: LocalDate): LocalDate {
  const next = new Date(Date.UTC(date.year, date.month - 1, date.day + 1));
  return { year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() };
}

/** `YYYY-MM-DD` of a calendar date. */
export function isoDate(date: LocalDate): string {
  const pad = (value: number) => String(value).padStart(2, "0");
  return `${date.year}-${pad(date.month)}-${pad(date.day)}`;
}
