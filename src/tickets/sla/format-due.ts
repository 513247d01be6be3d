/** Languages the due-time text is written in. */
export type DueLanguage = "en" | "ko";

/**
 * Customers know zones by abbreviation ("KST"), but ICU only has abbreviations for some zones in
 * some locales (Asia/Seoul comes out as "GMT+9"), so zones without DST are named here.
 */
const FIXED_ABBREVIATIONS: Record<string, string> = {
  "Asia/Seoul": "KST",
  "Asia/Tokyo": "JST",
  "Asia/Shanghai": "CST",
  "Asia/Hong_Kong": "HKT",
  "Asia/Singapore": "SGT",
  "Asia/Kolkata": "IST",
  UTC: "UTC",
  "Etc/UTC": "UTC",
};

const WEEK_MS = 7 * 86_400_000;

function zoneName(epochMs: number, timeZone: string): string {
  const fixed = FIXED_ABBREVIATIONS[timeZone];
  if (fixed) return fixed;
  // en-US knows the North American names, en-GB the European ones; otherwise keep "GMT+x".
  let fallback = timeZone;
  for (const locale of ["en-US", "en-GB"]) {
    const name = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: "short" })
      .formatToParts(epochMs)
      .find((part) => part.type === "timeZoneName")?.value;
    if (name && !/^(GMT|UTC)[+-]/.test(name)) return name;
    if (name && fallback === timeZone) fallback = name;
  }
  return fallback;
}

function parts(epochMs: number, locale: string, timeZone: string, options: Intl.DateTimeFormatOptions) {
  const out: Record<string, string> = {};
  for (const part of new Intl.DateTimeFormat(locale, { timeZone, ...options }).formatToParts(epochMs)) {
    out[part.type] = part.value;
  }
  return out;
}

/**
 * A due time as a customer reads it: `Tue 10:00 KST` / `화 10:00 (KST)`. When `now` is given and
 * the time is a week or more away, the date is added so the weekday is not ambiguous
 * (`Tue 21 Jan 10:00 KST` / `1월 21일 (화) 10:00 (KST)`).
 */
export function formatDue(
  epochMs: number,
  language: DueLanguage,
  timeZone: string,
  options: { now?: number } = {},
): string {
  const withDate = options.now !== undefined && epochMs - options.now >= WEEK_MS - 86_400_000;
  const zone = zoneName(epochMs, timeZone);
  const locale = language === "ko" ? "ko-KR" : "en-GB";
  const p = parts(epochMs, locale, timeZone, {
    weekday: "short",
    day: "numeric",
    month: language === "ko" ? "numeric" : "short",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  });
  const time = `${p.hour}:${p.minute}`;
  if (language === "ko") {
    return withDate
      ? `${p.month}월 ${p.day}일 (${p.weekday}) ${time} (${zone})`
      : `${p.weekday} ${time} (${zone})`;
  }
  return withDate ? `${p.weekday} ${p.day} ${p.month} ${time} ${zone}` : `${p.weekday} ${time} ${zone}`;
}
