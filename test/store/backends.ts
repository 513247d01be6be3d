import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { createKeyvFactory, type KeyvFactory, type StoreOptions } from "../../src/store/create-keyv.ts";
import { createRedisScope, REDIS_URL, type RedisScope, redisForThisRun } from "../helpers/redis.ts";

/** One Keyv backend as the store suites see it: every suite runs against each of these. */
export interface StoreBackend {
  readonly kind: StoreOptions["kind"];
  /** False when Redis is unreachable on a developer machine (CI fails instead, see helpers/redis.ts). */
  readonly available: boolean;
  /** Whether records survive closing the factory and opening a new one on the same place. */
  readonly persistent: boolean;
  /** A new factory on the same place every time: the same SQLite file, the same Redis. */
  open(): KeyvFactory;
  /** A namespace name unique to this test file and run, so runs sharing one Redis never collide. */
  ns(name: string): string;
  /** The raw Redis client behind the redis backend, for assertions on keys; undefined elsewhere. */
  readonly redis: RedisScope["client"] | undefined;
  /** The SQLite file behind the file backend; undefined elsewhere. */
  readonly file: string | undefined;
  /**
   * How long a record has left, read from the engine itself (the SQLite `expires` column, Redis
   * PTTL): milliseconds, `"never"` without an expiry, `"missing"` when absent. Undefined in memory.
   */
  expiryOf(namespace: string, key: string): Promise<number | "never" | "missing" | undefined>;
  /** Removes what the backend left behind: the temp dir, the Redis keys. */
  cleanup(): Promise<void>;
}

/** Reads a Keyv record's expiry straight from the SQLite file (see {@link StoreBackend.expiryOf}). */
export function sqliteExpiryOf(file: string, namespace: string, key: string): number | "never" | "missing" {
  const db = new Database(file, { readonly: true });
  try {
    const row = db.prepare("SELECT expires FROM keyv WHERE key = ?").get(`${namespace}:${key}`) as
      | { expires: number | null }
      | undefined;
    if (!row) return "missing";
    return row.expires === null ? "never" : row.expires - Date.now();
  } finally {
    db.close();
  }
}

/** Reads a Keyv record's expiry straight from Redis (see {@link StoreBackend.expiryOf}). */
export async function redisExpiryOf(
  client: RedisScope["client"],
  namespace: string,
  key: string,
): Promise<number | "never" | "missing"> {
  const ttl = await client.pTTL(`${namespace}::${key}`);
  return ttl === -2 ? "missing" : ttl === -1 ? "never" : ttl;
}

/** Memory, a SQLite file in a fresh temp dir, and Redis (when reachable). */
export async function storeBackends(label: string): Promise<StoreBackend[]> {
  // Redis first: on CI an unreachable Redis throws here, before anything needs cleaning up.
  const redisUp = await redisForThisRun();
  const scope = redisUp ? await createRedisScope(label) : undefined;
  const dir = await mkdtemp(path.join(os.tmpdir(), `switchboard-${label}-`));
  const file = path.join(dir, "state.sqlite");
  return [
    {
      kind: "memory",
      available: true,
      persistent: false,
      open: () => createKeyvFactory({ kind: "memory" }),
      ns: (name) => name,
      redis: undefined,
      file: undefined,
      expiryOf: async () => undefined,
      async cleanup() {},
    },
    {
      kind: "file",
      available: true,
      persistent: true,
      open: () => createKeyvFactory({ kind: "file", file }),
      ns: (name) => name,
      redis: undefined,
      file,
      expiryOf: async (namespace, key) => sqliteExpiryOf(file, namespace, key),
      async cleanup() {
        await rm(dir, { recursive: true, force: true });
      },
    },
    {
      kind: "redis",
      available: scope !== undefined,
      persistent: true,
      open: () => createKeyvFactory({ kind: "redis", url: REDIS_URL }),
      ns: (name) => `${scope?.prefix ?? ""}${name}`,
      redis: scope?.client,
      file: undefined,
      async expiryOf(namespace, key) {
        if (!scope) throw new Error("Redis is not reachable");
        return redisExpiryOf(scope.client, namespace, key);
      },
      async cleanup() {
        await scope?.cleanup();
      },
    },
  ];
}
