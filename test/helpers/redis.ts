import { randomUUID } from "node:crypto";
import { createClient } from "@keyv/redis";

/** The Redis the tests use: `REDIS_URL`, or the one CI starts on 127.0.0.1:6379. */
export const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

const plainClient = (url: string) => createClient({ url });
type RedisClient = ReturnType<typeof plainClient>;

/**
 * Whether a Redis at `url` answers PING within `timeoutMs`. Never throws and leaves no connection
 * open. The timer also covers a peer that accepts TCP but never answers the handshake.
 */
export async function redisAvailable(url = REDIS_URL, timeoutMs = 500): Promise<boolean> {
  const client = createClient({ url, socket: { connectTimeout: timeoutMs, reconnectStrategy: false } });
  client.on("error", () => undefined); // the failed connect() says enough
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("timed out")), timeoutMs);
  });
  try {
    await Promise.race([client.connect().then(() => client.ping()), timedOut]);
    return true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
    if (client.isOpen) client.destroy();
  }
}

/**
 * Decides whether this test file runs its Redis tests. On CI Redis is part of the job, so an
 * unreachable one fails the file instead of silently skipping; locally the tests are skipped with
 * the reason printed.
 */
export async function redisForThisRun(url = REDIS_URL): Promise<boolean> {
  if (await redisAvailable(url)) return true;
  const ci = process.env.CI;
  if (ci && ci !== "false" && ci !== "0") {
    throw new Error(
      `Redis not reachable at ${url}: CI must provide Redis (start redis-server on 127.0.0.1:6379 or set REDIS_URL)`,
    );
  }
  console.warn(`Redis not reachable at ${url}: skipping Redis tests (CI runs them)`);
  return false;
}

/** The keys one test file may write to a shared Redis, and a way to remove them afterwards. */
export interface RedisScope {
  readonly url: string;
  /**
   * Unique to this file and run, ending in ":". Every key the file writes must start with it: use it
   * as the start of Keyv namespace names and as the coordinator `prefix`.
   */
  readonly prefix: string;
  /** A connected raw client, for assertions on keys (existence, TTL) and for simulating other processes. */
  readonly client: RedisClient;
  /** Deletes every key under `prefix` and closes the client. */
  cleanup(): Promise<void>;
}

/** Opens a scope for one test file; `label` only makes leftover keys easy to trace. */
export async function createRedisScope(label: string, url = REDIS_URL): Promise<RedisScope> {
  const safeLabel = label.toLowerCase().replace(/[^a-z0-9-]+/g, "-");
  // Only [a-z0-9:-]: the prefix is also used as a SCAN pattern, where * ? [ ] are special.
  const prefix = `switchboard-test:${safeLabel}:${process.pid}-${randomUUID().slice(0, 8)}:`;
  const client = plainClient(url);
  client.on("error", () => undefined); // surfaced through failing commands instead
  await client.connect();
  return {
    url,
    prefix,
    client,
    async cleanup() {
      if (!client.isOpen) return;
      for await (const keys of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) {
        if (keys.length > 0) await client.unlink(keys);
      }
      await client.close();
    },
  };
}
