import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
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
  /** Removes what the backend left behind: the temp dir, the Redis keys. */
  cleanup(): Promise<void>;
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
      async cleanup() {
        await scope?.cleanup();
      },
    },
  ];
}
