import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";

/** The slice of a node-redis client the lock uses. */
export interface LockClient {
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
}

export interface FairLockOptions {
  /** How long a waiter or holder stays in line without renewing before the others skip it. */
  leaseMs: number;
  /** How long to wait for the turn before giving up with an error. */
  acquireTimeoutMs: number;
}

// KEYS: line (zset token → arrival number), alive (zset token → lease end, ms), counter.
// ARGV: token, leaseMs. Takes a ticket: the arrival number orders the line across processes.
const JOIN = `
local t = redis.call("time")
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local n = redis.call("incr", KEYS[3])
redis.call("zadd", KEYS[1], n, ARGV[1])
redis.call("zadd", KEYS[2], now + tonumber(ARGV[2]), ARGV[1])
local keep = tonumber(ARGV[2]) * 4
for i = 1, 3 do redis.call("pexpire", KEYS[i], keep) end
return n`;

// KEYS: line, alive. ARGV: token. 1 = our turn, 0 = wait, -1 = we were dropped from the line.
// Entries at the head whose lease ran out (a process that died) are removed first.
const TURN = `
local t = redis.call("time")
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
while true do
  local head = redis.call("zrange", KEYS[1], 0, 0)[1]
  if not head then return -1 end
  if head == ARGV[1] then return 1 end
  local lease = tonumber(redis.call("zscore", KEYS[2], head))
  if lease and lease > now then
    if redis.call("zscore", KEYS[1], ARGV[1]) then return 0 end
    return -1
  end
  redis.call("zrem", KEYS[1], head)
  redis.call("zrem", KEYS[2], head)
end`;

// KEYS: line, alive, counter. ARGV: token, leaseMs. Keeps our place (waiting or holding).
const RENEW = `
if not redis.call("zscore", KEYS[1], ARGV[1]) then return 0 end
local t = redis.call("time")
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call("zadd", KEYS[2], now + tonumber(ARGV[2]), ARGV[1])
local keep = tonumber(ARGV[2]) * 4
for i = 1, 3 do redis.call("pexpire", KEYS[i], keep) end
return 1`;

// KEYS: line, alive. ARGV: token. Leaves the line (after the turn, or when giving up).
const LEAVE = `
redis.call("zrem", KEYS[1], ARGV[1])
redis.call("zrem", KEYS[2], ARGV[1])
return 1`;

// KEYS: line. ARGV: token. 1 while the token heads the line (the lock is still ours).
const HOLDS = `
local head = redis.call("zrange", KEYS[1], 0, 0)[1]
if head == ARGV[1] then return 1 end
return 0`;

/** Whether the task running now still holds the lock it was started under (`true` outside one). */
export async function stillHolding(client: LockClient): Promise<boolean> {
  const held = heldLock.getStore();
  if (!held) return true;
  return Number(await client.eval(HOLDS, { keys: [held.line], arguments: [held.token] })) === 1;
}

/** The lock the current task holds (its line's key and its token), for claims taken inside it. */
export const heldLock = new AsyncLocalStorage<{ line: string; token: string }>();

/**
 * A fair lock per key for several processes sharing one Redis: a task takes a ticket when it
 * arrives (one `INCR`, so arrival order is Redis's order of the calls, and one process's calls
 * reach Redis in the order they were made) and runs when its ticket heads the line. Unlike a
 * `SET NX` spin lock, a process that just released cannot jump ahead of a task that has been
 * waiting on another process. Waiters and the holder renew a lease; the entry of a process that
 * died is skipped once its lease runs out. The line's key (`lockKey`) exists while anyone holds or
 * waits for the lock.
 */
export function createFairLock(client: LockClient, options: FairLockOptions) {
  const keysOf = (lockKey: string) => [lockKey, `${lockKey}:alive`, `${lockKey}:next`];

  async function waitForTurn(keys: string[], token: string): Promise<void> {
    const deadline = Date.now() + options.acquireTimeoutMs;
    let delay = 2;
    while (true) {
      const verdict = Number(await client.eval(TURN, { keys: keys.slice(0, 2), arguments: [token] }));
      if (verdict === 1) return;
      if (verdict === -1) {
        // Our lease ran out while this process was stalled: queue again rather than fail the turn.
        await client.eval(JOIN, { keys, arguments: [token, String(options.leaseMs)] });
      }
      if (Date.now() > deadline)
        throw new Error(`Timed out after ${options.acquireTimeoutMs} ms waiting for lock ${keys[0]}`);
      await sleep(delay);
      delay = Math.min(delay * 2, 20);
    }
  }

  return async function runLocked<T>(lockKey: string, task: () => Promise<T>): Promise<T> {
    const keys = keysOf(lockKey);
    const token = randomUUID();
    // Called synchronously on arrival: the ticket is taken before anything else can interleave.
    const joined = client.eval(JOIN, { keys, arguments: [token, String(options.leaseMs)] });
    const renew = setInterval(() => {
      client.eval(RENEW, { keys, arguments: [token, String(options.leaseMs)] }).catch(() => undefined);
    }, options.leaseMs / 3);
    try {
      await joined;
      await waitForTurn(keys, token);
      return await heldLock.run({ line: lockKey, token }, task);
    } finally {
      clearInterval(renew);
      await client.eval(LEAVE, { keys: keys.slice(0, 2), arguments: [token] }).catch(() => undefined);
    }
  };
}
