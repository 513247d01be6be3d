import { RateLimiterRes } from "rate-limiter-flexible";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { createLimiterBackend } from "../../src/abuse/limiter-backend.ts";
import type { App } from "../../src/app/create-app.ts";
import { createApp } from "../../src/app/create-app.ts";
import { createSilentLogger } from "../../src/core/logger.ts";
import { createCaptureAdapter, hasFixtureKb, testConfig } from "../helpers/bot-harness.ts";
import { createRedisScope, REDIS_URL, redisForThisRun } from "../helpers/redis.ts";
import { scriptedUnderstander } from "../helpers/scripted-understander.ts";

const redisUp = await redisForThisRun();
const scope = redisUp ? await createRedisScope("abuse-limits") : undefined;
afterAll(async () => {
  await scope?.cleanup();
});

const understander = scriptedUnderstander([{ pattern: /crash/i, intent: "bug_report" }]);

/** One bot process: its own memory state and ticket database, counters in the shared Redis. */
async function instance(overrides: Record<string, string>): Promise<App> {
  const app = await createApp({
    config: testConfig({ REDIS_URL, STORE: "memory", ...overrides }),
    logger: createSilentLogger(),
    understander,
    redisKeyPrefix: scope?.prefix ?? "",
  });
  app.channels.register(createCaptureAdapter("test"));
  return app;
}

describe.skipIf(!scope || !hasFixtureKb)("budgets shared through Redis", () => {
  const apps: App[] = [];
  afterEach(async () => {
    for (const app of apps.splice(0)) await app.close();
  });

  it("two bot processes share one user's message budget and send one notice between them", async () => {
    apps.push(await instance({ RATE_LIMIT_USER: "10/60" }), await instance({ RATE_LIMIT_USER: "10/60" }));
    const [a, b] = apps as [App, App];
    const send = (app: App, i: number) =>
      app.bot.handle({
        type: "message",
        id: `shared-${i}`,
        conversation: "test:shared-flood",
        user: { channel: "test", id: "shared-flooder" },
        text: "hello",
      });
    const first = await Promise.all(Array.from({ length: 6 }, (_, i) => send(a, i)));
    expect(first.every((result) => result.refused === undefined)).toBe(true);
    // The second process has seen nothing of this user, yet only 4 of the 94 fit.
    const second = await Promise.all(Array.from({ length: 94 }, (_, i) => send(b, 6 + i)));
    expect(second.filter((result) => result.refused === undefined)).toHaveLength(4);
    const notices = second.filter((result) => result.refused === "rate_limited" && result.replies.length > 0);
    expect(notices).toHaveLength(1);
    // The counters hold a hash, never the user id.
    const keys = await scope?.client.keys(`${scope.prefix}*`);
    expect(keys?.length).toBeGreaterThan(0);
    expect(keys?.join("\n")).not.toContain("shared-flooder");
  });

  it("the ticket budget is shared too: a second process refuses the third ticket of the hour", async () => {
    const budget = { RATE_LIMIT_TICKETS: "2/3600", RATE_LIMIT_USER: "off" };
    apps.push(await instance(budget), await instance(budget));
    const [a, b] = apps as [App, App];
    const ask = (app: App, i: number) =>
      app.bot.handle({
        type: "message",
        id: `shared-ticket-${i}`,
        conversation: `test:shared-ticket-${i}`,
        user: { channel: "test", id: "shared-ticket-user" },
        text: "/ticket The app crashes when I export a note",
      });
    expect((await ask(a, 1)).trace.ticket).toBeDefined();
    expect((await ask(b, 2)).trace.ticket).toBeDefined();
    // With b's ticket solved, b's own database would allow another: only the shared budget refuses.
    await b.tickets.setStatus("T-1001", "solved", "agent:U1");
    const third = await ask(b, 3);
    expect(third.trace.ticket).toBeUndefined();
    expect(third.replies[0]?.text).toMatch(/opened several tickets recently/);
  });

  it("when Redis goes away the budgets hold per process instead of failing the message", async () => {
    const backend = await createLimiterBackend({ redisUrl: REDIS_URL, prefix: scope?.prefix ?? "" });
    const limiter = backend.limiter("insurance", { points: 2, seconds: 60 });
    await limiter.consume("k");
    await backend.close();
    // The insurance limiter counts from zero in this process.
    await expect(limiter.consume("k")).resolves.toBeInstanceOf(RateLimiterRes);
    await limiter.consume("k");
    await expect(limiter.consume("k")).rejects.toBeInstanceOf(RateLimiterRes);
  });

  it("start-up fails with what to fix when Redis does not answer", async () => {
    await expect(
      createLimiterBackend({ redisUrl: "redis://127.0.0.1:1", connectTimeoutMs: 300 }),
    ).rejects.toThrow(/Redis at 127\.0\.0\.1:1 \(rate limits\) did not answer within 300 ms/);
  });
});
