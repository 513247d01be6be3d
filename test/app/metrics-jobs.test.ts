import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type RunningBot, startBot } from "../../src/app/start-local.ts";
import { createSilentLogger } from "../../src/core/logger.ts";
import { testConfig } from "../helpers/bot-harness.ts";
import { parsePrometheusText } from "../helpers/prometheus-text.ts";

/** The background jobs on `/metrics` and `/healthz` (one process: timers). */
describe("background jobs on /metrics and /healthz", () => {
  let bot: RunningBot;
  beforeAll(async () => {
    bot = await startBot(testConfig({ PORT: "0", HOST: "127.0.0.1", JOBS_INTERVAL_SECONDS: "0.05" }), {
      logger: createSilentLogger(),
    });
  });
  afterAll(() => bot?.stop());

  const scrape = async () => parsePrometheusText(await (await fetch(`${bot.url}metrics`)).text());
  const runs = async (job: string) =>
    (await scrape()).find(
      (sample) =>
        sample.name === "switchboard_job_runs_total" &&
        sample.labels.job === job &&
        sample.labels.outcome === "ok",
    )?.value ?? 0;

  it("counts each job's runs as they happen, and shows the queue's depth", async () => {
    await vi.waitFor(async () => expect(await runs("lease-expiry")).toBeGreaterThan(0), { timeout: 20_000 });
    const before = await runs("lease-expiry");
    await vi.waitFor(async () => expect(await runs("lease-expiry")).toBeGreaterThan(before), {
      timeout: 20_000,
    });
    const depth = (await scrape()).find((sample) => sample.name === "switchboard_job_queue_depth");
    expect(depth?.value).toBe(0); // timers queue nothing
  });

  it("shows the jobs, their runs and failures on /healthz", async () => {
    await vi.waitFor(
      async () => {
        const health = (await (await fetch(`${bot.url}healthz`)).json()) as {
          jobs: { runner: string; jobs: Record<string, { runs: number; failures: number }> };
        };
        expect(health.jobs.runner).toBe("timers");
        expect(Object.keys(health.jobs.jobs).sort()).toEqual([
          "auto-close",
          "lease-expiry",
          "retention-purge",
          "sla-timers",
        ]);
        expect(health.jobs.jobs["sla-timers"]?.failures).toBe(0);
      },
      { timeout: 20_000 },
    );
  });
});
