import { describe, expect, it } from "vitest";
import { insightsMessages } from "../../adapters/desks/insights/insights-messages.ts";
import { insightsQuerySchema, rangeOf } from "../../src/insights/insights-query.ts";

describe("insights periods", () => {
  const now = Date.UTC(2026, 11, 2, 6, 0);

  it("rolling periods end now", () => {
    const range = rangeOf(insightsQuerySchema.parse({ period: "7" }), now, "Asia/Seoul");
    expect(range).toEqual({ since: now - 7 * 86_400_000, until: now });
    expect(insightsQuerySchema.parse({}).period).toBe("30");
  });

  it("a custom period covers whole days in the SLA time zone", () => {
    const query = insightsQuerySchema.parse({ period: "custom", from: "2026-11-01", to: "2026-11-30" });
    // Seoul is UTC+9: its 1 November starts at 15:00 UTC on 31 October.
    expect(rangeOf(query, now, "Asia/Seoul")).toEqual({
      since: Date.UTC(2026, 9, 31, 15),
      until: Date.UTC(2026, 10, 30, 15),
    });
  });

  it("refuses a custom period without both ends, or backwards, and an unknown period", () => {
    expect(insightsQuerySchema.safeParse({ period: "custom", from: "2026-11-01" }).success).toBe(false);
    expect(
      insightsQuerySchema.safeParse({ period: "custom", from: "2026-11-02", to: "2026-11-01" }).success,
    ).toBe(false);
    expect(insightsQuerySchema.safeParse({ period: "14" }).success).toBe(false);
  });
});

describe("the /insights page's words", () => {
  it("has every sentence in English and Korean with the same placeholders", () => {
    const { en, ko } = insightsMessages.sentences;
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    expect(Object.keys(ko).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(placeholders(ko[key]), key).toEqual(placeholders(en[key]));
    }
    expect(ko.weekdays.split(",")).toHaveLength(7);
  });
});
