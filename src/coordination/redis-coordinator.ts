import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { createClient } from "@keyv/redis";
import type { Coordinator } from "../core/coordinator.ts";
import { SwitchboardError } from "../core/errors.ts";
import { createKeyedQueue } from "./keyed-queue.ts";

export interface RedisCoordinatorOptions {
  url: string;
  /** Key prefix, so several bots can share one Redis. */
  prefix?: string;
  /** How long a lock is held without renewal before another process may take it. */
  leaseMs?: number;
  /** How long to wait for a lock before giving up with an error. */
  acquireTimeoutMs?: number;
  /** How long start-up waits for Redis to answer before failing. */
  connectTimeoutMs?: number;
}

// Delete the lock only if we still own it (the token matches).
const RELEASE_SCRIPT = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end`;
const RENEW_SCRIPT = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("pexpire", KEYS[1], ARGV[2]) else return 0 end`;

/**
 * node-redis retries the first connection forever, so a missing Redis would hang start-up silently:
 * give up after `timeoutMs` with a message that says what to fix.
 */
async function connectWithin(
  client: { connect(): Promise<unknown>; destroy(): void; readonly isOpen: boolean },
  url: string,
  timeoutMs: number,
): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const where = URL.canParse(url) ? new URL(url).host : "REDIS_URL";
      const message = `Redis at ${where} did not answer within ${timeoutMs} ms: start Redis or fix REDIS_URL`;
      reject(new SwitchboardError("STORE_FAILED", message));
    }, timeoutMs);
  });
  try {
    await Promise.race([client.connect(), timedOut]);
  } catch (error) {
    if (client.isOpen) client.destroy();
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Coordinator for several bot processes sharing one Redis: claims are `SET NX PX`, locks are
 * token-owned keys renewed while the task runs. Within one process tasks still queue FIFO first,
 * so Redis sees at most one waiter per conversation per process.
 */
export async function createRedisCoordinator(options: RedisCoordinatorOptions): Promise<Coordinator> {
  const client = createClient({ url: options.url });
  client.on("error", () => undefined); // surfaced through failing commands instead
  await connectWithin(client, options.url, options.connectTimeoutMs ?? 10_000);
  const prefix = options.prefix ?? "switchboard:";
  const leaseMs = options.leaseMs ?? 30_000;
  const acquireTimeoutMs = options.acquireTimeoutMs ?? 60_000;
  const queue = createKeyedQueue();

  async function acquire(lockKey: string, token: string): Promise<void> {
    const deadline = Date.now() + acquireTimeoutMs;
    let delay = 5;
    while (true) {
      const result = await client.set(lockKey, token, {
        condition: "NX",
        expiration: { type: "PX", value: leaseMs },
      });
      if (result === "OK") return;
      if (Date.now() > deadline) {
        throw new Error(`Timed out after ${acquireTimeoutMs} ms waiting for lock ${lockKey}`);
      }
      await sleep(delay);
      delay = Math.min(delay * 2, 200);
    }
  }

  return {
    async claimOnce(key, ttlMs) {
      const result = await client.set(`${prefix}seen:${key}`, "1", {
        condition: "NX",
        expiration: { type: "PX", value: Math.max(1, Math.round(ttlMs)) },
      });
      return result === "OK";
    },
    async releaseClaim(key) {
      await client.del(`${prefix}seen:${key}`);
    },
    runExclusive(key, task) {
      return queue(key, async () => {
        const lockKey = `${prefix}lock:${key}`;
        const token = randomUUID();
        await acquire(lockKey, token);
        const renew = setInterval(() => {
          client
            .eval(RENEW_SCRIPT, { keys: [lockKey], arguments: [token, String(leaseMs)] })
            .catch(() => undefined);
        }, leaseMs / 3);
        try {
          return await task();
        } finally {
          clearInterval(renew);
          await client.eval(RELEASE_SCRIPT, { keys: [lockKey], arguments: [token] }).catch(() => undefined);
        }
      });
    },
    async close() {
      if (client.isOpen) await client.close();
    },
  };
}
