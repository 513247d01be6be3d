import { createClient } from "@keyv/redis";
import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis } from "rate-limiter-flexible";
import { SwitchboardError } from "../model/errors.ts";
import type { RateSpec } from "./rate-spec.ts";

/** Where rate-limit counters live: this process's memory, or a Redis shared by every bot process. */
export interface LimiterBackend {
  readonly kind: "memory" | "redis";
  /** A fixed-window limiter; `name` keeps its keys apart from the other limiters'. */
  limiter(name: string, spec: RateSpec): RateLimiterAbstract;
  close(): Promise<void>;
}

export interface LimiterBackendOptions {
  /** `REDIS_URL`; without it counters are per process. */
  redisUrl?: string | undefined;
  /** Start of every Redis key (default `switchboard:`), so several bots or test runs can share a Redis. */
  prefix?: string;
  /** How long start-up waits for Redis before failing with what to fix. Default 10 s. */
  connectTimeoutMs?: number;
}

/**
 * Opens the counters' backend. With Redis, each limiter falls back to an in-process one while Redis
 * is unreachable (`insuranceLimiter`, and `rejectIfRedisNotReady` so a message never waits for a
 * reconnect): limits then hold per process instead of failing the turn.
 * @see https://github.com/animir/node-rate-limiter-flexible/wiki/Redis
 * @see https://github.com/animir/node-rate-limiter-flexible/wiki/Insurance-Strategy
 */
export async function createLimiterBackend(options: LimiterBackendOptions): Promise<LimiterBackend> {
  const prefix = options.prefix ?? "switchboard:";
  if (!options.redisUrl) {
    return {
      kind: "memory",
      limiter: (name, spec) => new RateLimiterMemory(limiterOptions(`${prefix}rl:${name}`, spec)),
      async close() {},
    };
  }
  const client = createClient({ url: options.redisUrl });
  client.on("error", () => undefined); // a failing call falls back to the insurance limiter
  await connectWithin(client, options.redisUrl, options.connectTimeoutMs ?? 10_000);
  return {
    kind: "redis",
    limiter(name, spec) {
      const base = limiterOptions(`${prefix}rl:${name}`, spec);
      return new RateLimiterRedis({
        ...base,
        storeClient: client,
        useRedisPackage: true,
        rejectIfRedisNotReady: true,
        insuranceLimiter: new RateLimiterMemory(base),
      });
    },
    async close() {
      if (client.isOpen) await client.close();
    },
  };
}

function limiterOptions(keyPrefix: string, spec: RateSpec) {
  return { keyPrefix, points: spec.points, duration: spec.seconds };
}

/** node-redis retries a first connection forever: give up after `timeoutMs` with what to fix. */
async function connectWithin(
  client: { connect(): Promise<unknown>; destroy(): void; readonly isOpen: boolean },
  url: string,
  timeoutMs: number,
): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const where = URL.canParse(url) ? new URL(url).host : "REDIS_URL";
      const message = `Redis at ${where} (rate limits) did not answer within ${timeoutMs} ms: start Redis or fix REDIS_URL`;
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
