import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createBullJobs } from "../../src/coordination/bullmq-jobs.ts";
import type { JobRunner } from "../../src/coordination/jobs.ts";
import { createTimerJobs } from "../../src/coordination/timer-jobs.ts";
import { createSilentLogger } from "../../src/core/logger.ts";
import { createRedisScope, type RedisScope, redisForThisRun } from "../helpers/redis.ts";

const redisUp = await redisForThisRun();
const WAIT = { timeout: 30_000, interval: 20 };

describe("timer jobs (one process, no Redis)", () => {
  it("runs each job every period and retries a failed run at the next one", async () => {
    const runner = createTimerJobs({ logger: createSilentLogger() });
    let calls = 0;
    await runner.start([
      {
        name: "flaky",
        everyMs: 20,
        async run() {
          calls++;
          if (calls === 1) throw new Error("database restarting");
        },
      },
    ]);
    try {
      await vi.waitFor(() => expect(runner.health().jobs.flaky?.runs).toBeGreaterThanOrEqual(2), WAIT);
      expect(runner.health()).toMatchObject({
        runner: "timers",
        jobs: { flaky: { failures: 1, lastError: "database restarting" } },
      });
    } finally {
      await runner.stop();
    }
  });
});

describe.skipIf(!redisUp)("BullMQ jobs (several processes on one Redis)", () => {
  let scope: RedisScope;
  beforeAll(async () => {
    scope = await createRedisScope("jobs");
  });
  afterAll(() => scope?.cleanup());

  it("runs each period once across processes, and retries a failed run", async () => {
    const prefix = `${scope.prefix}jobs`;
    const runs: string[] = [];
    let failedOnce = false;
    const open = async (name: string): Promise<JobRunner> => {
      const runner = await createBullJobs({
        url: scope.url,
        prefix,
        logger: createSilentLogger(),
        backoffMs: 10,
      });
      await runner.start([
        {
          name: "sweep",
          everyMs: 100,
          async run() {
            runs.push(name);
          },
        },
        {
          name: "flaky",
          everyMs: 100,
          async run() {
            if (!failedOnce) {
              failedOnce = true;
              throw new Error("database restarting");
            }
            runs.push(`${name}:flaky`);
          },
        },
      ]);
      return runner;
    };
    const processes = [await open("a"), await open("b"), await open("c")];
    await vi.waitFor(
      () => expect(runs.filter((run) => !run.endsWith(":flaky")).length).toBeGreaterThanOrEqual(10),
      WAIT,
    );
    await vi.waitFor(() => expect(runs.some((run) => run.endsWith(":flaky"))).toBe(true), WAIT);
    for (const runner of processes) await runner.stop();

    // Every run is one job BullMQ kept as completed: no period ran in two processes.
    const completed = await scope.client.zRange(`${prefix}:background:completed`, 0, -1);
    expect(completed.filter((id) => id.includes("sweep"))).toHaveLength(
      runs.filter((run) => !run.endsWith(":flaky")).length,
    );
    const health = processes.map((runner) => runner.health());
    expect(health.every((part) => part.runner === "queue")).toBe(true);
    expect(health.reduce((sum, part) => sum + (part.jobs.flaky?.failures ?? 0), 0)).toBe(1);
  });
});
