import { z } from "zod";
import type { Priority } from "../../model/priority.ts";
import { isValidTimeZone } from "./zoned-time.ts";

/** Days of the week as config keys, Sunday first (index = `Date#getDay()`). */
export const weekdayKeys = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;
export type WeekdayKey = (typeof weekdayKeys)[number];

const clockTime = z
  .string()
  .regex(
    /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/,
    'times look like "09:00" (24-hour clock; "24:00" = midnight)',
  );

/** Opening hours of one day, or `null` when closed. */
export const dayHoursSchema = z
  .object({ start: clockTime, end: clockTime })
  .refine(({ start, end }) => start < end, { message: "business hours must end after they start" })
  .nullable();
export type DayHours = z.infer<typeof dayHoursSchema>;

const nineToSix = { start: "09:00", end: "18:00" };

/** Default business hours: Monday to Friday, 09:00–18:00. */
export const DEFAULT_BUSINESS_HOURS: Record<WeekdayKey, DayHours> = {
  sun: null,
  mon: nineToSix,
  tue: nineToSix,
  wed: nineToSix,
  thu: nineToSix,
  fri: nineToSix,
  sat: null,
};

const dayDefault = (day: WeekdayKey) => dayHoursSchema.default(DEFAULT_BUSINESS_HOURS[day]);

/** Weekly business hours; days left out keep their default. At least one day must be open. */
export const businessHoursSchema = z
  .object({
    sun: dayDefault("sun"),
    mon: dayDefault("mon"),
    tue: dayDefault("tue"),
    wed: dayDefault("wed"),
    thu: dayDefault("thu"),
    fri: dayDefault("fri"),
    sat: dayDefault("sat"),
  })
  .refine((hours) => weekdayKeys.some((day) => hours[day] !== null), {
    message: "at least one weekday needs business hours, or no SLA could ever be met",
  });

/** Targets for one priority, in business hours. */
export const slaTargetSchema = z.object({
  firstResponseHours: z.number().positive().max(10_000),
  resolutionHours: z.number().positive().max(10_000),
});
export type SlaTarget = z.infer<typeof slaTargetSchema>;

/** Default targets, from the support team's practice (business hours). */
export const DEFAULT_SLA_TARGETS: Record<Priority, SlaTarget> = {
  urgent: { firstResponseHours: 1, resolutionHours: 8 },
  high: { firstResponseHours: 4, resolutionHours: 24 },
  normal: { firstResponseHours: 24, resolutionHours: 72 },
  low: { firstResponseHours: 48, resolutionHours: 120 },
};

const targetDefault = (priority: Priority) => slaTargetSchema.default(DEFAULT_SLA_TARGETS[priority]);

const isoDay = z.iso.date({ message: "holidays are ISO dates like 2025-10-03" });

/**
 * The SLA policy: targets per priority, the business-hours calendar they are measured in, and when
 * to warn. Every field has a default, so `slaConfigSchema.parse({})` is the support team's standard.
 */
export const slaConfigSchema = z.object({
  /** IANA zone the business hours and holidays are in. */
  timeZone: z
    .string()
    .refine(isValidTimeZone, { message: "unknown time zone: use an IANA name like Asia/Seoul" })
    .default("Asia/Seoul"),
  businessHours: businessHoursSchema.prefault({}),
  /** Whole days without business hours, as dates in `timeZone`. */
  holidays: z.array(isoDay).default([]),
  /**
   * How targets are counted. `calendar` (default): elapsed hours, and a due time that falls outside
   * business hours moves to the next business moment ("24 h" from Friday evening is due Monday
   * morning). `business`: only business hours count toward the target.
   */
  clock: z.enum(["calendar", "business"]).default("calendar"),
  /** Fraction of a target after which `sla.warning` fires. */
  warningRatio: z.number().gt(0).lt(1).default(0.8),
  targets: z
    .object({
      urgent: targetDefault("urgent"),
      high: targetDefault("high"),
      normal: targetDefault("normal"),
      low: targetDefault("low"),
    })
    .prefault({}),
});

/** SLA configuration as written (every field optional). */
export type SlaConfigInput = z.input<typeof slaConfigSchema>;
/** SLA configuration with defaults applied. */
export type SlaConfig = z.output<typeof slaConfigSchema>;
