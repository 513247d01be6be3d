import { describe, expect, it } from "vitest";
import { ConfigError } from "../../../src/model/errors.ts";
import { DEFAULT_SLA_TARGETS, slaConfigSchema } from "../../../src/tickets/sla/sla-config.ts";
import { slaPolicyFromEnv } from "../../../src/tickets/sla/sla-env.ts";
import { createSlaPolicy, slaTargetMs } from "../../../src/tickets/sla/sla-policy.ts";

describe("SLA config", () => {
  it("defaults to the support team's practice", () => {
    const config = slaConfigSchema.parse({});
    expect(config).toMatchObject({ timeZone: "Asia/Seoul", holidays: [], warningRatio: 0.8 });
    expect(config.targets).toEqual(DEFAULT_SLA_TARGETS);
    expect(config.targets.normal).toEqual({ firstResponseHours: 24, resolutionHours: 72 });
    expect(config.targets.urgent).toEqual({ firstResponseHours: 1, resolutionHours: 8 });
    expect(config.businessHours.mon).toEqual({ start: "09:00", end: "18:00" });
    expect(config.businessHours.sat).toBeNull();
  });

  it("keeps defaults for what a partial config leaves out", () => {
    const config = slaConfigSchema.parse({
      targets: { urgent: { firstResponseHours: 0.5, resolutionHours: 4 } },
    });
    expect(config.targets.urgent.firstResponseHours).toBe(0.5);
    expect(config.targets.low).toEqual(DEFAULT_SLA_TARGETS.low);
  });

  it("refuses a bad policy with a ConfigError naming the field", () => {
    expect(() => createSlaPolicy({ timeZone: "Mars/Olympus" })).toThrow(ConfigError);
    expect(() => createSlaPolicy({ timeZone: "Mars/Olympus" })).toThrow(/sla\.timeZone/);
    expect(() => createSlaPolicy({ holidays: ["25/12/2025"] })).toThrow(/sla\.holidays/);
    expect(() => createSlaPolicy({ businessHours: { mon: { start: "18:00", end: "09:00" } } })).toThrow(
      /end after they start/,
    );
    const closed = { sun: null, mon: null, tue: null, wed: null, thu: null, fri: null, sat: null };
    expect(() => createSlaPolicy({ businessHours: closed })).toThrow(/at least one weekday/);
  });

  it("reads SLA_* environment variables", () => {
    const policy = slaPolicyFromEnv({
      SLA_TIMEZONE: "America/New_York",
      SLA_BUSINESS_HOURS: "mon-thu 08:30-17:00; fri 08:30-12:00",
      SLA_HOLIDAYS: "2025-07-04, 2025-12-25",
      SLA_WARNING_RATIO: "0.75",
      SLA_TARGETS: "urgent=0.5/4,normal=8h/40h",
    });
    expect(policy.config).toMatchObject({
      timeZone: "America/New_York",
      holidays: ["2025-07-04", "2025-12-25"],
      warningRatio: 0.75,
    });
    expect(policy.config.businessHours).toMatchObject({
      mon: { start: "08:30", end: "17:00" },
      fri: { start: "08:30", end: "12:00" },
      sat: null,
    });
    expect(slaTargetMs(policy, "urgent", "first_response")).toBe(30 * 60_000);
    expect(slaTargetMs(policy, "normal", "resolution")).toBe(40 * 3_600_000);
    expect(slaTargetMs(policy, "high", "first_response")).toBe(4 * 3_600_000);
    expect(slaPolicyFromEnv({}).config).toEqual(slaConfigSchema.parse({}));
  });

  it("explains unreadable SLA_* values", () => {
    expect(() => slaPolicyFromEnv({ SLA_BUSINESS_HOURS: "weekdays 9-6" })).toThrow(/SLA_BUSINESS_HOURS/);
    expect(() => slaPolicyFromEnv({ SLA_TARGETS: "critical=1/2" })).toThrow(/SLA_TARGETS/);
    expect(() => slaPolicyFromEnv({ SLA_WARNING_RATIO: "2" })).toThrow(/warningRatio/);
  });
});
