import path from "node:path";
import KeyvRedis, { createClient, type RedisClientType } from "@keyv/redis";
import { Keyv } from "keyv";
import type { ClaimStore } from "../coordination/claim-store.ts";
import { SwitchboardError } from "../model/errors.ts";
import { SqliteKeyvStore } from "./sqlite-keyv-store.ts";

/** Which Keyv backend to use and where. */
export type StoreOptions =
  | { kind: "memory" }
  | { kind: "file"; file: string }
  | { kind: "redis"; url: string };

/** A factory of namespaced Keyv instances that share one backend connection. */
export interface KeyvFactory {
  readonly kind: StoreOptions["kind"];
  /** A Keyv for one kind of record (`state`, `transcript`, …). */
  namespace<Value>(name: string): Keyv<Value>;
  /**
   * Idempotency claims kept in the backend itself: the SQLite file's `claims` table for `file`.
   * Undefined for `memory` (the coordinator keeps them) and `redis` (the Redis coordinator's `SET NX`).
   */
  readonly claims: ClaimStore | undefined;
  /**
   * Called after an erasure on request: removes what the backend keeps of erased records beyond the
   * records themselves (SQLite's write-ahead log). Nothing to do in memory or Redis.
   */
  compactAfterErasure(): Promise<void>;
  /**
   * Deletes records and claims whose time ran out (the retention job); resolves with how many.
   * SQLite keeps expired rows until then (it also purges every 1,000 writes); Redis expires keys
   * itself and memory drops them when read, so both report 0.
   */
  purgeExpired(): Promise<number>;
  close(): Promise<void>;
}

/** Derives store options from configuration: `STORE`, `DATA_DIR`, `REDIS_URL`. */
export function storeOptionsFromConfig(config: {
  STORE: StoreOptions["kind"];
  DATA_DIR: string;
  REDIS_URL?: string | undefined;
}): StoreOptions {
  if (config.STORE === "memory") return { kind: "memory" };
  if (config.STORE === "redis" && config.REDIS_URL) return { kind: "redis", url: config.REDIS_URL };
  return { kind: "file", file: path.join(config.DATA_DIR, "state.sqlite") };
}

/**
 * Opens the configured backend. Memory keeps one Map per namespace; the file and Redis backends
 * share one connection and namespaces become key prefixes. Asking twice for a name returns the same Keyv.
 */
export function createKeyvFactory(options: StoreOptions): KeyvFactory {
  const sqlite = options.kind === "file" ? new SqliteKeyvStore(options.file) : undefined;
  const redis =
    options.kind === "redis" ? (createClient({ url: options.url }) as unknown as RedisClientType) : undefined;
  // One Keyv per name: asking twice for a namespace must reach the same records on every backend
  // (a fresh memory Keyv would have its own empty Map), and must not add listeners each time.
  const namespaces = new Map<string, Keyv<unknown>>();
  function open(name: string): Keyv<unknown> {
    if (redis) {
      // Every KeyvRedis subscribes to the shared client's events (once more when it connects it): the
      // listener count grows with the number of namespaces, not over time, so raise Node's leak warning.
      redis.setMaxListeners(10 + 2 * (namespaces.size + 1));
      const store = new KeyvRedis<unknown>(redis, { throwOnConnectError: true, throwOnErrors: true });
      return new Keyv<unknown>({ store, namespace: name, throwOnErrors: true, useKeyPrefix: false });
    }
    if (sqlite) {
      // Keyv writes `namespace` on its adapter, so each namespace gets its own on the shared file.
      return new Keyv<unknown>({ store: new SqliteKeyvStore(sqlite), namespace: name, throwOnErrors: true });
    }
    return new Keyv<unknown>({ namespace: name, throwOnErrors: true });
  }
  return {
    kind: options.kind,
    claims: sqlite?.claimStore(),
    async compactAfterErasure() {
      if (sqlite && !sqlite.compactAfterErasure()) {
        throw new SwitchboardError(
          "STORE_FAILED",
          `The write-ahead log of ${sqlite.opts.url} still holds erased records: another process was reading the file. Stop other processes using it; the log is truncated at the next erasure and at a clean shutdown.`,
        );
      }
    },
    async purgeExpired() {
      return sqlite?.purgeExpired() ?? 0;
    },
    namespace<Value>(name: string): Keyv<Value> {
      const existing = namespaces.get(name) ?? open(name);
      namespaces.set(name, existing);
      return existing as Keyv<Value>;
    },
    async close() {
      if (redis?.isOpen) await redis.close();
      await sqlite?.disconnect();
    },
  };
}
