import { EventEmitter } from "node:events";
import type { KeyvStoreAdapter, StoredData } from "keyv";
import type { ClaimStore } from "../coordination/claim-store.ts";
import { createSqliteClaimStore } from "./sqlite-claim-store.ts";
import { SqliteConnection } from "./sqlite-connection.ts";

/**
 * The smallest string greater than every string starting with `prefix`: keys with the prefix are
 * exactly the range [prefix, prefixEnd(prefix)). Namespace prefixes end in ":", so this never overflows.
 */
function prefixEnd(prefix: string): string {
  const last = prefix.charCodeAt(prefix.length - 1);
  return prefix.slice(0, -1) + String.fromCharCode(last + 1);
}

/**
 * A Keyv store on a local SQLite file (better-sqlite3): the embedded default, so conversation state
 * survives a restart without any server. Rows carry their expiry so expired keys are purged from disk
 * (on open and every 1,000 writes), not only hidden; deleted rows are overwritten (`secure_delete`).
 *
 * One file may hold several Keyv namespaces. Keyv writes `namespace` on the adapter it is given, so each
 * namespace needs its own adapter: pass an existing store to share its connection.
 */
export class SqliteKeyvStore extends EventEmitter implements KeyvStoreAdapter {
  readonly opts: { dialect: "sqlite"; url: string };
  namespace?: string | undefined;
  private readonly connection: SqliteConnection;

  /** @param source a file path to open, or a store whose open file this adapter shares. */
  constructor(source: string | SqliteKeyvStore) {
    super();
    this.connection = typeof source === "string" ? new SqliteConnection(source) : source.connection;
    this.opts = { dialect: "sqlite", url: this.connection.url };
  }

  private get statements() {
    return this.connection.statements;
  }

  async get<Value>(key: string): Promise<StoredData<Value> | undefined> {
    const row = this.statements.get.get(key, Date.now());
    return row?.value as StoredData<Value> | undefined;
  }

  async set(key: string, value: unknown, ttl?: number): Promise<boolean> {
    const expires = typeof ttl === "number" && ttl > 0 ? Date.now() + ttl : null;
    this.statements.set.run(key, typeof value === "string" ? value : JSON.stringify(value), expires);
    this.connection.wrote();
    return true;
  }

  async delete(key: string): Promise<boolean> {
    return this.statements.delete.run(key).changes > 0;
  }

  /** Clears this adapter's namespace only; without a namespace, the whole file. */
  async clear(): Promise<void> {
    if (this.namespace) {
      const prefix = `${this.namespace}:`;
      this.statements.clearRange.run(prefix, prefixEnd(prefix));
    } else {
      this.statements.clearAll.run();
    }
  }

  async has(key: string): Promise<boolean> {
    return this.statements.get.get(key, Date.now()) !== undefined;
  }

  /** Live entries of `namespace` (prefixed keys, raw values) in key order; Keyv strips the prefix. */
  async *iterator<Value>(
    namespace?: string,
  ): AsyncGenerator<Array<string | Awaited<Value> | undefined>, void> {
    const now = Date.now();
    const prefix = namespace ? `${namespace}:` : "";
    const rows = prefix
      ? this.statements.scanRange.all(prefix, prefixEnd(prefix), now)
      : this.statements.scanAll.all(now);
    for (const row of rows) {
      yield [row.key, row.value as Awaited<Value>];
    }
  }

  /** Deletes rows whose TTL has passed, in every namespace and the claims; returns how many. */
  purgeExpired(now = Date.now()): number {
    return this.connection.purgeExpired(now);
  }

  /** Idempotency claims kept in this file (see {@link createSqliteClaimStore}). */
  claimStore(): ClaimStore {
    return createSqliteClaimStore(this.connection);
  }

  /**
   * After an erasure: truncates the write-ahead log, which still holds the erased rows' old
   * pages; returns false when it could not be truncated (a reader held it).
   */
  compactAfterErasure(): boolean {
    return this.connection.checkpointAndTruncateLog();
  }

  /** Closes the file, for every adapter sharing it. */
  async disconnect(): Promise<void> {
    this.connection.close();
  }
}
