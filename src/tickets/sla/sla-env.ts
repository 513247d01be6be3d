import { ConfigError } from "../../model/errors.ts";
import { PRIORITIES } from "../../model/priority.ts";
import { type DayHours, type SlaConfigInput, type WeekdayKey, weekdayKeys } from "./sla-config.ts";
import { createSlaPolicy, type SlaPolicy } from "./sla-policy.ts";

/**
 * Environment variables read by {@link slaPolicyFromEnv}, with their format and default. Document
 * them in `.env.example` and the README table when wiring the ticket flows.
 */
const SLA_ENV_VARIABLES = {
  SLA_TIMEZONE: "IANA zone of business hours and holidays (default Asia/Seoul)",
  SLA_BUSINESS_HOURS:
    'e.g. "mon-fri 09:00-18:00; sat 10:00-14:00", "mon-sun 09:00-21:00" or "sun-thu 08:00-17:00" (a range runs forward through the week); days not listed are closed (default mon-fri 09:00-18:00)',
  SLA_HOLIDAYS: 'comma-separated ISO dates, e.g. "2025-10-03,2025-10-09" (default none)',
  SLA_CLOCK:
    'how targets count: "calendar" (elapsed hours; a due time outside business hours moves to the next opening, default) or "business" (business hours only)',
  SLA_WARNING_RATIO: "fraction of a target at which sla.warning fires (default 0.8)",
  SLA_TARGETS:
    'first-response/resolution business hours per priority, e.g. "urgent=1/8,high=4/24,normal=24/72,low=48/120"; priorities not listed keep their default',
} as const;

const dayIndex = (name: string): number => weekdayKeys.indexOf(name.toLowerCase() as WeekdayKey);

function parseBusinessHours(value: string): Record<WeekdayKey, DayHours> {
  const hours = Object.fromEntries(weekdayKeys.map((day) => [day, null])) as Record<WeekdayKey, DayHours>;
  for (const group of value
    .split(/[;,]/)
    .map((part) => part.trim())
    .filter(Boolean)) {
    const match = /^([a-z]{3})(?:-([a-z]{3}))?\s+(\d\d:\d\d)-(\d\d:\d\d)$/i.exec(group);
    const from = dayIndex(match?.[1] ?? "");
    const to = match?.[2] ? dayIndex(match[2]) : from;
    if (!match || from < 0 || to < 0) {
      throw new ConfigError(
        `SLA_BUSINESS_HOURS="${value}": cannot read "${group}"; write day ranges like "mon-fri 09:00-18:00; sat 10:00-14:00" (days: mon tue wed thu fri sat sun).`,
      );
    }
    // A range runs forward through the week and may wrap: "mon-sun" is every day, "sun-thu" five days.
    for (let step = 0; step <= (to - from + 7) % 7; step += 1) {
      hours[weekdayKeys[(from + step) % 7] as WeekdayKey] = {
        start: match[3] as string,
        end: match[4] as string,
      };
    }
  }
  return hours;
}

function parseTargets(value: string): NonNullable<SlaConfigInput["targets"]> {
  const targets: NonNullable<SlaConfigInput["targets"]> = {};
  for (const item of value
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean)) {
    const match = /^(\w+)\s*=\s*(\d+(?:\.\d+)?)h?\s*\/\s*(\d+(?:\.\d+)?)h?$/.exec(item);
    const priority = PRIORITIES.find((name) => name === match?.[1]);
    if (!match || !priority) {
      throw new ConfigError(
        `SLA_TARGETS="${value}": cannot read "${item}"; write "urgent=1/8,normal=24/72" (priorities ${PRIORITIES.join(", ")}, business hours).`,
      );
    }
    targets[priority] = { firstResponseHours: Number(match[2]), resolutionHours: Number(match[3]) };
  }
  return targets;
}

/** Reads the SLA policy from `SLA_*` environment variables; unset ones keep their defaults. */
export function slaPolicyFromEnv(env: Record<string, string | undefined>): SlaPolicy {
  const input: SlaConfigInput = {};
  const get = (name: keyof typeof SLA_ENV_VARIABLES) => {
    const value = env[name]?.trim();
    return value ? value : undefined;
  };
  const timeZone = get("SLA_TIMEZONE");
  if (timeZone) input.timeZone = timeZone;
  const hours = get("SLA_BUSINESS_HOURS");
  if (hours) input.businessHours = parseBusinessHours(hours);
  const clock = get("SLA_CLOCK");
  if (clock) {
    if (clock !== "calendar" && clock !== "business") {
      throw new ConfigError(`SLA_CLOCK="${clock}": use "calendar" or "business".`);
    }
    input.clock = clock;
  }
  const holidays = get("SLA_HOLIDAYS");
  if (holidays)
    input.holidays = holidays
      .split(",")
      .map((day) => day.trim())
      .filter(Boolean);
  const ratio = get("SLA_WARNING_RATIO");
  if (ratio) input.warningRatio = Number(ratio);
  const targets = get("SLA_TARGETS");
  if (targets) input.targets = parseTargets(targets);
  return createSlaPolicy(input);
}
