import { describe, expect, it } from "vitest";
import { openingHoursText } from "../../../src/tickets/sla/opening-hours-text.ts";
import { slaConfigSchema } from "../../../src/tickets/sla/sla-config.ts";
import { slaPolicyFromEnv } from "../../../src/tickets/sla/sla-env.ts";

const fromEnv = (hours: string, zone?: string) =>
  slaPolicyFromEnv({ SLA_BUSINESS_HOURS: hours, ...(zone ? { SLA_TIMEZONE: zone } : {}) }).config;

describe("opening hours from SLA_BUSINESS_HOURS", () => {
  it("the default week reads Mon–Fri / 평일", () => {
    const config = slaConfigSchema.parse({});
    expect(openingHoursText(config, "en")).toBe("Mon–Fri 09:00–18:00 KST");
    expect(openingHoursText(config, "ko")).toBe("평일 09:00–18:00 (KST)");
  });

  it("accepts mon-sun: every day, weekends included", () => {
    const config = fromEnv("mon-sun 10:00-20:00");
    expect(config.businessHours.sat).toEqual({ start: "10:00", end: "20:00" });
    expect(config.businessHours.sun).toEqual({ start: "10:00", end: "20:00" });
    expect(openingHoursText(config, "en")).toBe("every day 10:00–20:00 KST");
    expect(openingHoursText(config, "ko")).toBe("매일 10:00–20:00 (KST)");
  });

  it("lists different hours per day group, in week order", () => {
    const config = fromEnv("mon-fri 09:00-18:00; sat 10:00-14:00", "Europe/Berlin");
    expect(openingHoursText(config, "en")).toBe("Mon–Fri 09:00–18:00, Sat 10:00–14:00 Europe/Berlin");
    expect(openingHoursText(config, "ko")).toBe("평일 09:00–18:00, 토 10:00–14:00 (Europe/Berlin)");
  });

  it("a weekend-only desk and a week that wraps (sun-thu)", () => {
    const weekend = fromEnv("sat-sun 10:00-16:00");
    expect(weekend.businessHours.mon).toBeNull();
    expect(openingHoursText(weekend, "en")).toBe("Sat–Sun 10:00–16:00 KST");
    expect(openingHoursText(weekend, "ko")).toBe("주말 10:00–16:00 (KST)");
    const wrapped = fromEnv("sun-thu 08:00-17:00");
    expect(wrapped.businessHours.fri).toBeNull();
    expect(wrapped.businessHours.sun).toEqual({ start: "08:00", end: "17:00" });
    expect(openingHoursText(wrapped, "en")).toBe("Sun–Thu 08:00–17:00 KST");
    expect(openingHoursText(wrapped, "ko")).toBe("일–목 08:00–17:00 (KST)");
  });

  it("single days and gaps stay separate", () => {
    const config = fromEnv("mon 09:00-12:00; wed 09:00-12:00; fri-sat 13:00-18:00");
    expect(openingHoursText(config, "en")).toBe("Mon 09:00–12:00, Wed 09:00–12:00, Fri–Sat 13:00–18:00 KST");
  });

  it("still refuses unknown day names", () => {
    expect(() => fromEnv("mon-xyz 09:00-18:00")).toThrow(/SLA_BUSINESS_HOURS.*days: mon tue/);
  });
});
