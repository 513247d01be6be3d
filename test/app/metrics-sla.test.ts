import { describe, expect, it } from "vitest";
import { createTestApp, hasFixtureKb, talk } from "../helpers/bot-harness.ts";
import { parsePrometheusText, sumOf } from "../helpers/prometheus-text.ts";
import { startTestJobs } from "../helpers/test-jobs.ts";

const DAY = 24 * 3600 * 1000;

describe.skipIf(!hasFixtureKb)("SLA events in the metrics", () => {
  it("counts the breaches and warnings the background jobs fire, once each", async () => {
    const app = await createTestApp();
    await talk(app).send("/human");
    const jobs = startTestJobs(app, { onSlaEvent: (event) => app.metrics.slaEvent(event) });
    try {
      jobs.advance(30 * DAY);
      await jobs.runOnce();
      await jobs.runOnce();
      const samples = parsePrometheusText(await app.metrics.scrape());
      expect(sumOf(samples, "switchboard_sla_breaches_total", { target: "first_response" })).toBe(1);
      expect(sumOf(samples, "switchboard_sla_warnings_total", { target: "first_response" })).toBe(1);
      expect(sumOf(samples, "switchboard_tickets_open")).toBe(1);
    } finally {
      await jobs.stop();
      await app.close();
    }
  });
});
