import { createClient } from "@keyv/redis";
import type { Coordinator } from "../core/coordinator.ts";
import { SwitchboardError } from "../model/errors.ts";
import { createFairLock, heldLock, stillHolding } from "./redis-fair-lock.ts";

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

/**
 * node-redis retries the first connection forever, so a missing Redis would hang start-up silently:
 * give up after `timeoutMs` with a message that says what to fix.
 */
export async function connectWithin(
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

// KEYS: the claim, the line of the lock held (or the claim again). ARGV: ttl ms, lease ms, the
// holder's token ("" outside a lock). A claim is "pending:<token>" while its turn runs, then "done"
// (settled). Claims are taken inside the conversation's lock: a pending claim whose holder is no
// longer in the line is a dead holder's (its entry was dropped when its lease lapsed), so this
// delivery takes it over. Outside a lock a holder's pending claim is in progress, and one taken
// outside a lock ("pending:@<ms>") counts as a dead holder's after a lease.
const CLAIM = `
local t = redis.call("time")
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local held = redis.call("get", KEYS[1])
if held then
  local since = tonumber(string.match(held, "^pending:@(%d+)$"))
  local holder = string.match(held, "^pending:([^@].*)$")
  if since then
    if now - since < tonumber(ARGV[2]) then return 0 end
  elseif holder then
    if ARGV[3] == "" or redis.call("zscore", KEYS[2], holder) then return 0 end
  else
    return 0
  end
end
local mark = ARGV[3] ~= "" and ARGV[3] or ("@" .. now)
redis.call("set", KEYS[1], "pending:" .. mark, "PX", ARGV[1])
return 1`;

/**
 * Coordinator for several bot processes sharing one Redis: claims are pending then settled (a
 * turn cut short by a crash is taken over by the next delivery of its event); a conversation's
 * tasks run one at a time in arrival order across all processes ({@link createFairLock}).
 */
export async function createRedisCoordinator(options: RedisCoordinatorOptions): Promise<Coordinator> {
  const client = createClient({ url: options.url });
  client.on("error", () => undefined); // surfaced through failing commands instead
  await connectWithin(client, options.url, options.connectTimeoutMs ?? 10_000);
  const prefix = options.prefix ?? "switchboard:";
  const leaseMs = options.leaseMs ?? 30_000;
  const acquireTimeoutMs = options.acquireTimeoutMs ?? 60_000;
  const runLocked = createFairLock(client, { leaseMs, acquireTimeoutMs });

  return {
    async claimOnce(key, ttlMs) {
      const ttl = String(Math.max(1, Math.round(ttlMs)));
      const claim = `${prefix}seen:${key}`;
      const lock = heldLock.getStore();
      const claimed = await client.eval(CLAIM, {
        keys: [claim, lock?.line ?? claim],
        arguments: [ttl, String(leaseMs), lock?.token ?? ""],
      });
      return Number(claimed) === 1;
    },
    async settleClaim(key, ttlMs) {
      await client.set(`${prefix}seen:${key}`, "done", {
        expiration: { type: "PX", value: Math.max(1, Math.round(ttlMs)) },
      });
    },
    async releaseClaim(key) {
      await client.del(`${prefix}seen:${key}`);
    },
    stillHolding: () => stillHolding(client),
    runExclusive(key, task) {
      return runLocked(`${prefix}lock:${key}`, task);
    },
    async close() {
      if (client.isOpen) await client.close();
    },
  };
}
