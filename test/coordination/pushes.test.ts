import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMemoryPushes } from "../../src/coordination/memory-pushes.ts";
import { createRedisPushes } from "../../src/coordination/redis-pushes.ts";
import type { PushedFrame, Pushes } from "../../src/core/pushes.ts";
import { createRedisScope, type RedisScope, redisForThisRun } from "../helpers/redis.ts";

const redisUp = await redisForThisRun();

/** Frames heard by a subscriber, and a way to wait for a count of them. */
function listen(pushes: Pushes, topic: string) {
  const heard: { key: string; pushed: PushedFrame }[] = [];
  pushes.subscribe(topic, (key, pushed) => heard.push({ key, pushed }));
  return heard;
}

async function until(check: () => boolean): Promise<void> {
  for (let waited = 0; !check(); waited += 5) {
    if (waited > 20_000) throw new Error("condition not met");
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** The same suite for every implementation: `other` is a second process on the same backend. */
function pushesContract(
  name: string,
  open: () => Promise<{ one: Pushes; other: Pushes; close(): Promise<void> }>,
) {
  describe(`pushes: ${name}`, () => {
    let one: Pushes;
    let other: Pushes;
    let close: () => Promise<void>;
    beforeAll(async () => {
      ({ one, other, close } = await open());
    });
    afterAll(() => close?.());

    it("delivers every frame of a topic to every subscriber, in publish order", async () => {
      const here = listen(one, "order");
      const there = listen(other, "order");
      // Subscribing to Redis takes a round trip: probe until the other process hears the topic.
      while (there.length === 0) {
        await one.publish("order", "probe", {});
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      const real = (heard: typeof here) => heard.filter(({ key }) => key !== "probe");
      for (let n = 0; n < 50; n++) await one.publish("order", `k${n % 3}`, { n });
      await until(() => real(here).length === 50 && real(there).length === 50);
      for (const heard of [here, there])
        expect(real(heard).map(({ pushed }) => (pushed.frame as { n: number }).n)).toEqual([
          ...Array(50).keys(),
        ]);
      expect(
        real(there)
          .map(({ key }) => key)
          .slice(0, 4),
      ).toEqual(["k0", "k1", "k2", "k0"]);
    });

    it("keeps the last frames per key: a reconnecting client reads what came after its cursor", async () => {
      const ids: (string | undefined)[] = [];
      for (let n = 0; n < 8; n++) ids.push(await one.publish("kept", "conversation", { n }, { keep: 5 }));
      expect(await other.latest("kept", "conversation")).toBe(ids[7]);
      const missed = await other.since("kept", "conversation", ids[4]);
      expect(missed.map(({ frame }) => frame)).toEqual([{ n: 5 }, { n: 6 }, { n: 7 }]);
      expect(missed.map(({ id }) => id)).toEqual(ids.slice(5));
      // Only the last five are kept; an unknown cursor gets everything kept.
      expect((await other.since("kept", "conversation", "not-a-cursor")).map(({ frame }) => frame)).toEqual(
        [3, 4, 5, 6, 7].map((n) => ({ n })),
      );
      expect(await other.since("kept", "nobody", undefined)).toEqual([]);
      // A client that connected before anything was kept starts before the first frame.
      const start = await other.latest("kept", "later");
      await one.publish("kept", "later", { n: 1 }, { keep: 5 });
      expect((await other.since("kept", "later", start)).map(({ frame }) => frame)).toEqual([{ n: 1 }]);
    });
  });
}

pushesContract("memory (one process)", async () => {
  const pushes = createMemoryPushes();
  return { one: pushes, other: pushes, close: () => pushes.close() };
});

describe.skipIf(!redisUp)("pushes on Redis", () => {
  let scope: RedisScope;
  beforeAll(async () => {
    scope = await createRedisScope("pushes");
  });
  afterAll(() => scope?.cleanup());

  pushesContract("Redis (two processes)", async () => {
    const one = await createRedisPushes({ url: scope.url, prefix: scope.prefix });
    const other = await createRedisPushes({ url: scope.url, prefix: scope.prefix });
    return {
      one,
      other,
      async close() {
        await one.close();
        await other.close();
      },
    };
  });

  it("drops a frame whose `once` was already published for the key (a re-run turn's reply)", async () => {
    const one = await createRedisPushes({ url: scope.url, prefix: scope.prefix });
    const other = await createRedisPushes({ url: scope.url, prefix: scope.prefix });
    try {
      expect(await one.publish("web", "c1", { text: "Hi" }, { keep: 10, once: "event-1:abc" })).toBeDefined();
      expect(
        await other.publish("web", "c1", { text: "Hi" }, { keep: 10, once: "event-1:abc" }),
      ).toBeUndefined();
      expect(
        await other.publish("web", "c2", { text: "Hi" }, { keep: 10, once: "event-1:abc" }),
      ).toBeDefined();
      expect(await other.since("web", "c1", undefined)).toHaveLength(1);
    } finally {
      await one.close();
      await other.close();
    }
  });
});
