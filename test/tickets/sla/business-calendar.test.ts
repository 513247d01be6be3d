import { describe, expect, it } from "vitest";
import {
  addBusinessTime,
  businessTimeBetween,
  createBusinessCalendar,
  isBusinessTime,
  nextBusinessMoment,
} from "../../../src/tickets/sla/business-calendar.ts";
import { slaConfigSchema } from "../../../src/tickets/sla/sla-config.ts";
import { computeSlaSchedule, createSlaPolicy } from "../../../src/tickets/sla/sla-policy.ts";
import { HOUR, kst, MINUTE } from "../support/fixtures.ts";

const seoul = createBusinessCalendar(slaConfigSchema.parse({}));
const FRIDAY_1730 = kst(2025, 1, 17, 17, 30);

describe("business calendar (Asia/Seoul, Mon–Fri 09:00–18:00)", () => {
  it("gives a normal ticket created Friday 17:30 its 24 business-hour first response on Wednesday 14:30", () => {
    // Fri 17:30–18:00 = 0.5 h, Mon 9 h (9.5), Tue 9 h (18.5), Wed 09:00 + 5.5 h → Wed 14:30 KST.
    expect(addBusinessTime(FRIDAY_1730, 24 * HOUR, seoul)).toBe(kst(2025, 1, 22, 14, 30));
    const schedule = computeSlaSchedule(createSlaPolicy({ clock: "business" }), {
      startedAt: FRIDAY_1730,
      priority: "normal",
    });
    expect(schedule.firstResponseDueAt).toBe(kst(2025, 1, 22, 14, 30));
  });

  it("with the default calendar clock, a normal ticket from Friday 17:30 is due Monday at opening", () => {
    // 24 elapsed hours end Saturday 17:30, outside business hours: due at the next opening, Mon 09:00.
    const schedule = computeSlaSchedule(createSlaPolicy(), { startedAt: FRIDAY_1730, priority: "normal" });
    expect(schedule.firstResponseDueAt).toBe(kst(2025, 1, 20, 9));
    // 72 h end Monday 17:30, inside business hours: due then.
    expect(schedule.resolutionDueAt).toBe(kst(2025, 1, 20, 17, 30));
    // An urgent ticket Monday 10:00 is due within the hour, the same day.
    const urgent = computeSlaSchedule(createSlaPolicy(), {
      startedAt: kst(2025, 1, 20, 10),
      priority: "urgent",
    });
    expect(urgent.firstResponseDueAt).toBe(kst(2025, 1, 20, 11));
  });

  it("says when a person next looks: now during business hours, else the next opening (Monday 09:00)", () => {
    expect(nextBusinessMoment(FRIDAY_1730, seoul)).toBe(FRIDAY_1730);
    expect(nextBusinessMoment(kst(2025, 1, 17, 18), seoul)).toBe(kst(2025, 1, 20, 9));
    expect(nextBusinessMoment(kst(2025, 1, 18, 11), seoul)).toBe(kst(2025, 1, 20, 9));
    expect(nextBusinessMoment(kst(2025, 1, 20, 7, 45), seoul)).toBe(kst(2025, 1, 20, 9));
    expect(isBusinessTime(kst(2025, 1, 20, 17, 59), seoul)).toBe(true);
    expect(isBusinessTime(kst(2025, 1, 20, 18), seoul)).toBe(false);
  });

  it("ends at closing time when the duration runs out exactly then", () => {
    expect(addBusinessTime(kst(2025, 1, 13, 9), 9 * HOUR, seoul)).toBe(kst(2025, 1, 13, 18));
    expect(addBusinessTime(kst(2025, 1, 13, 9), 9 * HOUR + MINUTE, seoul)).toBe(kst(2025, 1, 14, 9, 1));
  });

  it("skips holidays", () => {
    const withHoliday = createBusinessCalendar(slaConfigSchema.parse({ holidays: ["2025-01-20"] }));
    // Monday the 20th is closed, so the same 24 hours end a day later: Thu 14:30.
    expect(addBusinessTime(FRIDAY_1730, 24 * HOUR, withHoliday)).toBe(kst(2025, 1, 23, 14, 30));
    // Seollal 2025 (Tue 28 – Thu 30 Jan): a high ticket Mon 27 17:00 (4 h) → Mon 1 h + Fri 3 h → Fri 12:00.
    const seollal = createBusinessCalendar(
      slaConfigSchema.parse({ holidays: ["2025-01-28", "2025-01-29", "2025-01-30"] }),
    );
    expect(addBusinessTime(kst(2025, 1, 27, 17), 4 * HOUR, seollal)).toBe(kst(2025, 1, 31, 12));
    expect(businessTimeBetween(kst(2025, 1, 27, 17), kst(2025, 1, 31, 12), seollal)).toBe(4 * HOUR);
  });

  it("measures business time between two instants, the inverse of adding it", () => {
    expect(businessTimeBetween(FRIDAY_1730, kst(2025, 1, 22, 14, 30), seoul)).toBe(24 * HOUR);
    expect(businessTimeBetween(kst(2025, 1, 18, 10), kst(2025, 1, 19, 20), seoul)).toBe(0);
    expect(businessTimeBetween(kst(2025, 1, 22, 10), kst(2025, 1, 21, 10), seoul)).toBe(0);
    for (const start of [kst(2025, 1, 13, 3), kst(2025, 1, 15, 12, 17), FRIDAY_1730, kst(2025, 1, 19, 23)]) {
      for (const duration of [MINUTE, 3 * HOUR, 9 * HOUR, 40 * HOUR + 7 * MINUTE]) {
        expect(businessTimeBetween(start, addBusinessTime(start, duration, seoul), seoul)).toBe(duration);
      }
    }
  });

  it("puts warnings at 80 % of each target", () => {
    const schedule = computeSlaSchedule(createSlaPolicy({ clock: "business" }), {
      startedAt: kst(2025, 1, 13, 10),
      priority: "normal",
    });
    // 19.2 business hours from Mon 10:00: Mon 8 h + Tue 9 h + Wed 2.2 h → Wed 11:12.
    expect(schedule.timers).toContainEqual({
      target: "first_response",
      kind: "warning",
      dueAt: kst(2025, 1, 15, 11, 12),
    });
    expect(schedule.timers).toHaveLength(4);
  });
});

describe("business calendar across DST (America/New_York)", () => {
  const newYork = createBusinessCalendar(slaConfigSchema.parse({ timeZone: "America/New_York" }));

  it("keeps 09:00 local across the spring-forward weekend", () => {
    // Fri 7 Mar 2025 17:00 EST (22:00Z) + 2 h → Mon 10 Mar 10:00 EDT = 14:00Z (not 15:00Z).
    const friday = Date.UTC(2025, 2, 7, 22);
    expect(addBusinessTime(friday, 2 * HOUR, newYork)).toBe(Date.UTC(2025, 2, 10, 14));
    expect(nextBusinessMoment(Date.UTC(2025, 2, 8, 12), newYork)).toBe(Date.UTC(2025, 2, 10, 13));
    expect(businessTimeBetween(friday, Date.UTC(2025, 2, 10, 14), newYork)).toBe(2 * HOUR);
  });

  it("keeps 09:00 local across the fall-back weekend", () => {
    // Fri 31 Oct 2025 17:00 EDT (21:00Z) + 2 h → Mon 3 Nov 10:00 EST = 15:00Z.
    expect(addBusinessTime(Date.UTC(2025, 9, 31, 21), 2 * HOUR, newYork)).toBe(Date.UTC(2025, 10, 3, 15));
  });

  it("counts the 23-hour and 25-hour days of a round-the-clock calendar correctly", () => {
    const allDay = { start: "00:00", end: "24:00" };
    const always = createBusinessCalendar(
      slaConfigSchema.parse({
        timeZone: "America/New_York",
        businessHours: {
          sun: allDay,
          mon: allDay,
          tue: allDay,
          wed: allDay,
          thu: allDay,
          fri: allDay,
          sat: allDay,
        },
      }),
    );
    // Sat 8 Mar 00:00 EST → Mon 10 Mar 00:00 EDT is 47 real hours.
    expect(businessTimeBetween(Date.UTC(2025, 2, 8, 5), Date.UTC(2025, 2, 10, 4), always)).toBe(47 * HOUR);
    // Sat 1 Nov 00:00 EDT → Mon 3 Nov 00:00 EST is 49 real hours.
    expect(businessTimeBetween(Date.UTC(2025, 10, 1, 4), Date.UTC(2025, 10, 3, 5), always)).toBe(49 * HOUR);
    expect(addBusinessTime(Date.UTC(2025, 2, 8, 5), 47 * HOUR, always)).toBe(Date.UTC(2025, 2, 10, 4));
  });
});
