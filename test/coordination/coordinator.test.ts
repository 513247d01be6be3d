import { mkdtemp, rm } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createLocalCoordinator } from "../../src/coordination/local-coordinator.ts";
import { createMemoryCoordinator } from "../../src/coordination/memory-coordinator.ts";
import { createRedisCoordinator } from "../../src/coordination/redis-coordinator.ts";
import type { Coordinator } from "../../src/core/coordinator.ts";
import { createKeyvFactory } from "../../src/store/create-keyv.ts";
import { createRedisScope, REDIS_URL, redisForThisRun } from "../helpers/redis.ts";

const redisUp = await redisForThisRun();
const scope = redisUp ? await createRedisScope("coordinator") : undefined;
const dir = await mkdtemp(path.join(os.tmpdir(), "switchboard-coordinator-"));
const stateFile = path.join(dir, "state.sqlite");
afterAll(async () => {
  await scope?.cleanup();
  await rm(dir, { recursive: true, force: true });
});

/** The `STORE=file` coordinator: claims in the SQLite state file, queues in memory. */
function createFileCoordinator(file = stateFile): Coordinator {
  const stores = createKeyvFactory({ kind: "file", file });
  if (!stores.claims) throw new Error("the file backend keeps no claims");
  const coordinator = createLocalCoordinator({ claims: stores.claims });
  return {
    ...coordinator,
    async close() {
      await coordinator.close();
      await stores.close();
    },
  };
}

/** Small deterministic pseudo-random numbers (mulberry32), so "random" delays are the same every run. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = () => {};
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

/** Counts tasks inside a critical section and remembers the most seen at once. */
function occupancy() {
  let inside = 0;
  return {
    max: 0,
    enter() {
      inside += 1;
      this.max = Math.max(this.max, inside);
    },
    leave() {
      inside -= 1;
    },
  };
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

/** `persistent`: a new coordinator on the same place (file, Redis) sees the claims of a closed one. */
const variants = [
  {
    kind: "memory",
    available: true,
    persistent: false,
    create: async (): Promise<Coordinator> => createMemoryCoordinator(),
  },
  {
    kind: "file",
    available: true,
    persistent: true,
    create: async (): Promise<Coordinator> => createFileCoordinator(),
  },
  {
    kind: "redis",
    available: scope !== undefined,
    persistent: true,
    create: (): Promise<Coordinator> =>
      createRedisCoordinator({ url: REDIS_URL, prefix: scope?.prefix ?? "", acquireTimeoutMs: 5_000 }),
  },
];

describe.each(variants)("Coordinator contract: $kind", ({ kind, available, persistent, create }) => {
  if (!available) {
    it.skip(`needs a reachable ${kind} backend`, () => {});
    return;
  }

  let coordinator: Coordinator;
  beforeAll(async () => {
    coordinator = await create();
  });
  afterAll(async () => {
    await coordinator.close();
  });

  describe("claimOnce", () => {
    it("claims a key once and refuses the duplicate", async () => {
      expect(await coordinator.claimOnce("telegram:update:1", 60_000)).toBe(true);
      expect(await coordinator.claimOnce("telegram:update:1", 60_000)).toBe(false);
      expect(await coordinator.claimOnce("telegram:update:2", 60_000)).toBe(true);
    });

    it("grants exactly one of many concurrent claims", async () => {
      const results = await Promise.all(
        range(20).map(() => coordinator.claimOnce("slack:event:race", 60_000)),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    it("grants exactly one claim per key when two coordinators race on the same keys", async () => {
      // A second coordinator on the same place: another connection to the file, another Redis client.
      const other = persistent ? await create() : coordinator;
      try {
        const keys = range(200).map((i) => `web:race:${i}`);
        const results = await Promise.all(
          keys.flatMap((key) => [coordinator.claimOnce(key, 60_000), other.claimOnce(key, 60_000)]),
        );
        expect(results.filter(Boolean)).toHaveLength(keys.length);
        for (const [i] of keys.entries()) expect(results[2 * i] !== results[2 * i + 1]).toBe(true);
      } finally {
        if (other !== coordinator) await other.close();
      }
    });

    it.skipIf(!persistent)("keeps claims when the coordinator is closed and a new one opened", async () => {
      const first = await create();
      expect(await first.claimOnce("telegram:restart:1", 60_000)).toBe(true);
      expect(await first.claimOnce("telegram:restart:short", 30)).toBe(true);
      await first.close();
      await sleep(80);
      const second = await create();
      try {
        expect(await second.claimOnce("telegram:restart:1", 60_000)).toBe(false);
        expect(await second.claimOnce("telegram:restart:short", 60_000)).toBe(true);
      } finally {
        await second.close();
      }
    });

    it("grants the key again once the claim's ttl has passed", async () => {
      expect(await coordinator.claimOnce("discord:interaction:ttl", 50)).toBe(true);
      expect(await coordinator.claimOnce("discord:interaction:ttl", 50)).toBe(false);
      await sleep(120);
      expect(await coordinator.claimOnce("discord:interaction:ttl", 50)).toBe(true);
    });

    it("grants the key again after releaseClaim", async () => {
      expect(await coordinator.claimOnce("web:event:failed", 60_000)).toBe(true);
      await coordinator.releaseClaim("web:event:failed");
      expect(await coordinator.claimOnce("web:event:failed", 60_000)).toBe(true);
      expect(await coordinator.claimOnce("web:event:failed", 60_000)).toBe(false);
    });
  });

  describe("runExclusive", () => {
    it("resolves with the task's result", async () => {
      await expect(coordinator.runExclusive("conv:result", async () => ({ replies: 2 }))).resolves.toEqual({
        replies: 2,
      });
    });

    it("runs 100 tasks for one key one at a time, in arrival order", async () => {
      const random = seededRandom(42);
      const events: string[] = [];
      const critical = occupancy();
      const runs = range(100).map((i) => {
        const delayMs = Math.floor(random() * 3);
        return coordinator.runExclusive("conv:fifo", async () => {
          events.push(`start ${i}`);
          critical.enter();
          await sleep(delayMs);
          critical.leave();
          events.push(`end ${i}`);
          return i;
        });
      });
      expect(await Promise.all(runs)).toEqual(range(100));
      expect(critical.max).toBe(1);
      expect(events).toEqual(range(100).flatMap((i) => [`start ${i}`, `end ${i}`]));
    });

    it("runs tasks for 100 different keys concurrently", async () => {
      // Every task waits at a gate that opens only once all 100 have started: serialised tasks
      // would never all start, so this proves concurrency without measuring time.
      const gate = deferred();
      const critical = occupancy();
      let started = 0;
      const runs = range(100).map((i) =>
        coordinator.runExclusive(`conv:parallel:${i}`, async () => {
          started += 1;
          critical.enter();
          await gate.promise;
          critical.leave();
          return i;
        }),
      );
      try {
        await vi.waitFor(() => expect(started).toBe(100), { timeout: 5_000, interval: 5 });
      } finally {
        gate.resolve();
      }
      expect(await Promise.all(runs)).toEqual(range(100));
      expect(critical.max).toBe(100);
    });

    it("propagates a task's error and still runs the next task for the key", async () => {
      const boom = new Error("flow crashed");
      const failing = coordinator.runExclusive("conv:error", async () => {
        throw boom;
      });
      const throwingSynchronously = coordinator.runExclusive("conv:error", (() => {
        throw boom;
      }) as () => Promise<never>);
      const next = coordinator.runExclusive("conv:error", async () => "next turn");
      await expect(failing).rejects.toBe(boom);
      await expect(throwingSynchronously).rejects.toBe(boom);
      await expect(next).resolves.toBe("next turn");
    });
  });
});

describe.skipIf(!scope)("Redis coordinator across processes", () => {
  // Two coordinators with their own connections stand for two bot processes sharing one Redis.
  const coordinators: Coordinator[] = [];
  const prefix = scope?.prefix ?? "";
  const lockKey = (key: string) => `${prefix}lock:${key}`;
  const pair = async (options: { leaseMs?: number; acquireTimeoutMs?: number } = {}) => {
    const created = await Promise.all(
      [0, 1].map(() => createRedisCoordinator({ url: REDIS_URL, prefix, ...options })),
    );
    coordinators.push(...created);
    return created as [Coordinator, Coordinator];
  };
  afterAll(async () => {
    await Promise.all(coordinators.map((coordinator) => coordinator.close()));
  });

  let a: Coordinator;
  let b: Coordinator;
  beforeAll(async () => {
    [a, b] = await pair({ acquireTimeoutMs: 5_000 });
  });

  it("shares claims: a duplicate delivered to the other process is refused", async () => {
    expect(await a.claimOnce("telegram:update:shared", 60_000)).toBe(true);
    expect(await b.claimOnce("telegram:update:shared", 60_000)).toBe(false);
    await a.releaseClaim("telegram:update:shared");
    expect(await b.claimOnce("telegram:update:shared", 60_000)).toBe(true);
  });

  it("never lets two processes into one key's critical section", async () => {
    const random = seededRandom(7);
    const critical = occupancy();
    let done = 0;
    const runs = range(40).map((i) => {
      const delayMs = Math.floor(random() * 3);
      return (i % 2 ? b : a).runExclusive("conv:contended", async () => {
        critical.enter();
        await sleep(delayMs);
        critical.leave();
        done += 1;
      });
    });
    await Promise.all(runs);
    expect(done).toBe(40);
    expect(critical.max).toBe(1);
  });

  it("releases the lock when a task ends, so the other process proceeds", async () => {
    const events: string[] = [];
    const gate = deferred();
    const first = a.runExclusive("conv:handover", async () => {
      events.push("a start");
      await gate.promise;
      events.push("a end");
    });
    await vi.waitFor(() => expect(events).toEqual(["a start"]), { interval: 2 });
    expect(await scope?.client.exists(lockKey("conv:handover"))).toBe(1);
    const second = b.runExclusive("conv:handover", async () => {
      events.push("b start");
      return "b done";
    });
    await sleep(30); // b is polling for the lock now; it must not get in
    expect(events).toEqual(["a start"]);
    gate.resolve();
    await first;
    expect(await second).toBe("b done");
    expect(events).toEqual(["a start", "a end", "b start"]);
    expect(await scope?.client.exists(lockKey("conv:handover"))).toBe(0);
  });

  it("releases the lock when a task throws", async () => {
    await expect(
      a.runExclusive("conv:handover-error", async () => {
        throw new Error("flow crashed");
      }),
    ).rejects.toThrow("flow crashed");
    expect(await scope?.client.exists(lockKey("conv:handover-error"))).toBe(0);
    await expect(b.runExclusive("conv:handover-error", async () => "proceeded")).resolves.toBe("proceeded");
  });

  it("takes over a lock whose holder died once its lease runs out", async () => {
    // A process that took its turn and died: first in line, its lease ending in 150 ms.
    const [seconds = "0", micros = "0"] = (await scope?.client.time()) ?? [];
    const leaseEnd = Number(seconds) * 1000 + Math.floor(Number(micros) / 1000) + 150;
    await scope?.client.zAdd(lockKey("conv:orphan"), { score: 0, value: "token-of-a-dead-process" });
    await scope?.client.zAdd(`${lockKey("conv:orphan")}:alive`, {
      score: leaseEnd,
      value: "token-of-a-dead-process",
    });
    const started = Date.now();
    await expect(b.runExclusive("conv:orphan", async () => "recovered")).resolves.toBe("recovered");
    expect(Date.now() - started).toBeGreaterThanOrEqual(100);
  });

  it("runs a conversation's tasks in arrival order across processes (no process jumps the line)", async () => {
    // m1 (slow) and m3 arrive on one process, m2 on the other in between: a spin lock lets the
    // process that just released take m3 before m2's next poll. Repeated, since a race is rare.
    for (const round of range(8)) {
      const order: string[] = [];
      const key = `conv:arrival-${round}`;
      const started = deferred();
      const m1 = a.runExclusive(key, async () => {
        started.resolve();
        await sleep(40);
        order.push("m1");
      });
      await started.promise;
      const m2 = b.runExclusive(key, async () => {
        order.push("m2");
      });
      await sleep(15); // m2 has taken its place in line
      const m3 = a.runExclusive(key, async () => {
        order.push("m3");
      });
      await Promise.all([m1, m2, m3]);
      expect(order).toEqual(["m1", "m2", "m3"]);
    }
  });

  it("renews the lock while a task outlives its lease", async () => {
    const [slow, other] = await pair({ leaseMs: 300, acquireTimeoutMs: 5_000 });
    const critical = occupancy();
    const events: string[] = [];
    const long = slow.runExclusive("conv:long-task", async () => {
      critical.enter();
      events.push("long start");
      await sleep(700);
      events.push("long end");
      critical.leave();
    });
    await vi.waitFor(() => expect(events).toEqual(["long start"]), { interval: 2 });
    const waiting = other.runExclusive("conv:long-task", async () => {
      critical.enter();
      events.push("other start");
      critical.leave();
    });
    await Promise.all([long, waiting]);
    expect(events).toEqual(["long start", "long end", "other start"]);
    expect(critical.max).toBe(1);
  });
});

describe("Redis coordinator start-up", () => {
  it("fails with a message saying what to fix when Redis does not answer", async () => {
    // A peer that accepts TCP but never speaks RESP: the handshake hangs like a wrong port or firewall.
    const sockets: net.Socket[] = [];
    const silent = net.createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const { port } = silent.address() as net.AddressInfo;
    try {
      await expect(
        createRedisCoordinator({ url: `redis://127.0.0.1:${port}`, connectTimeoutMs: 200 }),
      ).rejects.toThrow(
        `Redis at 127.0.0.1:${port} did not answer within 200 ms: start Redis or fix REDIS_URL`,
      );
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});
