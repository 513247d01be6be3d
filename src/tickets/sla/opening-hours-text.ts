import type { SupportedLanguage } from "../../i18n/languages.ts";
import type { DayHours, SlaConfig, WeekdayKey } from "./sla-config.ts";
import { slaMessages } from "./sla-messages.ts";

/** The week as customers read it: Monday first. */
const WEEK: readonly WeekdayKey[] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/** Consecutive days (indexes into {@link WEEK}) open with the same hours. */
interface Run {
  days: WeekdayKey[];
  hours: NonNullable<DayHours>;
}

const sameHours = (a: DayHours, b: DayHours) => a?.start === b?.start && a?.end === b?.end;

function runsOf(hours: Readonly<Record<WeekdayKey, DayHours>>): Run[] {
  const runs: Run[] = [];
  for (const day of WEEK) {
    const open = hours[day];
    if (!open) continue;
    const last = runs.at(-1);
    const previous = WEEK[WEEK.indexOf(day) - 1];
    if (last && previous && last.days.at(-1) === previous && sameHours(last.hours, open)) last.days.push(day);
    else runs.push({ days: [day], hours: open });
  }
  // A week that wraps (Sun–Thu) reads as one range, not "Mon–Thu, Sun".
  const first = runs[0];
  const last = runs.at(-1);
  if (runs.length > 1 && first && last && first.days[0] === "mon" && last.days.at(-1) === "sun") {
    if (sameHours(first.hours, last.hours)) {
      runs.pop();
      first.days.unshift(...last.days);
    }
  }
  return runs;
}

function daysLabel(days: readonly WeekdayKey[], language: SupportedLanguage): string {
  if (days.length === 7) return slaMessages.t(language, "days.every");
  const joined = days.join(",");
  if (joined === "mon,tue,wed,thu,fri") return slaMessages.t(language, "days.weekdays");
  if (joined === "sat,sun") return slaMessages.t(language, "days.weekend");
  const from = slaMessages.t(language, `day.${days[0] as WeekdayKey}`);
  if (days.length === 1) return from;
  return slaMessages.t(language, "days.range", {
    from,
    to: slaMessages.t(language, `day.${days.at(-1) as WeekdayKey}`),
  });
}

/** The zone as customers know it: KST for Seoul, else the IANA name. */
function zoneLabel(timeZone: string): string {
  return timeZone === "Asia/Seoul" ? "KST" : timeZone;
}

/**
 * The opening hours in the customer's language, built from the configured business hours
 * (`SLA_BUSINESS_HOURS`): "Mon–Fri 09:00–18:00, Sat 10:00–14:00 KST", "매일 09:00–18:00 (KST)".
 */
export function openingHoursText(
  config: Pick<SlaConfig, "businessHours" | "timeZone">,
  language: SupportedLanguage,
): string {
  const hours = runsOf(config.businessHours)
    .map((run) =>
      slaMessages.t(language, "hours.open", {
        days: daysLabel(run.days, language),
        start: run.hours.start,
        end: run.hours.end,
      }),
    )
    .join(slaMessages.t(language, "hours.separator"));
  return slaMessages.t(language, "hours.zoned", { hours, zone: zoneLabel(config.timeZone) });
}
