import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRedisCoordinator } from "../../src/coordination/redis-coordinator.ts";
import type { Coordinator } from "../../src/core/coordinator.ts";
import { createRedisScope, type RedisScope, redisForThisRun } from "../helpers/redis.ts";

const redisUp = await redisForThisRun();

/**
 * A process that died mid-turn leaves its event's claim pending. The next delivery of that event,
 * on another process, must be handled (once the dead holder's lock lapsed), not dropped as a
 * duplicate; a claim whose turn finished, or whose holder is alive, stays a duplicate.
 */
describe.skipIf(!redisUp)("Redis claims after a crash", () => {
  let scope: RedisScope;
  let a: Coordinator;
  let b: Coordinator;
  beforeAll(async () => {
    scope = await createRedisScope("claim-takeover");
    const open = () => createRedisCoordinator({ url: scope.url, prefix: scope.prefix, leaseMs: 300 });
    [a, b] = await Promise.all([open(), open()]);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await scope?.cleanup();
  });

  it("takes over the pending claim of a holder that died in the conversation's turn", async () => {
    const line = `${scope.prefix}lock:web:crashed`;
    const [seconds = "0", micros = "0"] = await scope.client.time().then((time) => time.map(String));
    const now = Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
    // The dead process: first in line with a lease about to lapse, its event claimed as pending.
    await scope.client.zAdd(line, { score: 0, value: "dead-token" });
    await scope.client.zAdd(`${line}:alive`, { score: now + 150, value: "dead-token" });
    await scope.client.set(`${scope.prefix}seen:web:event-1`, "pending:dead-token", { PX: 60_000 });

    expect(await b.claimOnce("web:event-1", 60_000)).toBe(false); // outside the turn: in progress
    expect(await b.runExclusive("web:crashed", () => b.claimOnce("web:event-1", 60_000))).toBe(true);
  });

  it("keeps a settled claim, and a live holder's, a duplicate", async () => {
    const claimed = await a.runExclusive("web:alive", async () => {
      const mine = await a.claimOnce("web:event-2", 60_000);
      // Another process receives the same event while the turn runs: a duplicate.
      const theirs = await b.claimOnce("web:event-2", 60_000);
      await a.settleClaim?.("web:event-2", 60_000);
      return [mine, theirs];
    });
    expect(claimed).toEqual([true, false]);
    expect(await b.runExclusive("web:alive", () => b.claimOnce("web:event-2", 60_000))).toBe(false);
  });
});

describe.skipIf(!redisUp)("Redis lock: a holder stalled past its lease", () => {
  let scope: RedisScope;
  let a: Coordinator;
  beforeAll(async () => {
    scope = await createRedisScope("still-holding");
    a = await createRedisCoordinator({ url: scope.url, prefix: scope.prefix, leaseMs: 300 });
  });
  afterAll(async () => {
    await a?.close();
    await scope?.cleanup();
  });

  it("knows it no longer holds the conversation once another process dropped it from the line", async () => {
    const line = `${scope.prefix}lock:web:stalled`;
    const verdicts = await a.runExclusive("web:stalled", async () => {
      const before = await a.stillHolding?.();
      // What a waiter on another process does when this holder's lease has run out.
      const [token] = await scope.client.zRange(line, 0, 0);
      await scope.client.zRem(line, token ?? "");
      return [before, await a.stillHolding?.()];
    });
    expect(verdicts).toEqual([true, false]);
    expect(await a.stillHolding?.()).toBe(true); // outside a lock there is nothing to lose
  });
});
