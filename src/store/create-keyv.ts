import path from "node:path";
import KeyvRedis, { createClient, type RedisClientType } from "@keyv/redis";
import { Keyv, type KeyvStoreAdapter } from "keyv";
import type { Config } from "../core/config.ts";
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
  close(): Promise<void>;
}

/** Derives store options from configuration: `STORE`, `DATA_DIR`, `REDIS_URL`. */
export function storeOptionsFromConfig(config: Config): StoreOptions {
  if (config.STORE === "memory") return { kind: "memory" };
  if (config.STORE === "redis" && config.REDIS_URL) return { kind: "redis", url: config.REDIS_URL };
  return { kind: "file", file: path.join(config.DATA_DIR, "state.sqlite") };
}

/**
 * Opens the configured backend. Memory keeps one Map per namespace; the file and Redis backends
 * share one connection and namespaces become key prefixes.
 */
export function createKeyvFactory(options: StoreOptions): KeyvFactory {
  const sqlite = options.kind === "file" ? new SqliteKeyvStore(options.file) : undefined;
  const redis =
    options.kind === "redis" ? (createClient({ url: options.url }) as unknown as RedisClientType) : undefined;
  return {
    kind: options.kind,
    namespace<Value>(name: string): Keyv<Value> {
      if (redis) {
        const store = new KeyvRedis<Value>(redis, { throwOnConnectError: true, throwOnErrors: true });
        return new Keyv<Value>({ store, namespace: name, throwOnErrors: true, useKeyPrefix: false });
      }
      if (sqlite) {
        return new Keyv<Value>({ store: namespacedView(sqlite), namespace: name, throwOnErrors: true });
      }
      return new Keyv<Value>({ namespace: name, throwOnErrors: true });
    },
    async close() {
      if (redis?.isOpen) await redis.close();
      await sqlite?.disconnect();
    },
  };
}

/**
 * Keyv writes `store.namespace` on construction, so two Keyv instances must not share one adapter
 * object: each gets a view that delegates to the shared SQLite store under its own namespace.
 */
function namespacedView(store: SqliteKeyvStore): KeyvStoreAdapter {
  const view = Object.create(store) as SqliteKeyvStore;
  Object.defineProperty(view, "namespace", { value: undefined, writable: true, enumerable: true });
  return view;
}
