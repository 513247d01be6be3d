import { EventEmitter } from "node:events";
import { mkdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import type { KeyvStoreAdapter, StoredData } from "keyv";

interface Row {
  key: string;
  value: string;
}

/** How many writes between opportunistic purges of expired rows. */
const PURGE_EVERY_WRITES = 1000;

/** One open file and its prepared statements, shared by every namespace's adapter. */
class SqliteConnection {
  readonly url: string;
  private readonly db: Database.Database;
  readonly statements;
  writesSincePurge = 0;

  constructor(file: string) {
    mkdirSync(path.dirname(file), { recursive: true });
    this.url = `sqlite://${file}`;
    this.db = new Database(file);
    this.db.pragma("journal_mode = WAL");
    this.db.pragma("synchronous = NORMAL");
    this.db.exec(
      "CREATE TABLE IF NOT EXISTS keyv (key TEXT PRIMARY KEY, value TEXT NOT NULL, expires INTEGER)",
    );
    this.db.exec("CREATE INDEX IF NOT EXISTS keyv_expires ON keyv (expires) WHERE expires IS NOT NULL");
    // better-sqlite3 binds only anonymous `?` (or named) parameters, not numbered `?1`. Prefix scans
    // are key ranges [prefix, end) so they use the primary-key index.
    this.statements = {
      get: this.db.prepare<[string, number], Row>(
        "SELECT key, value FROM keyv WHERE key = ? AND (expires IS NULL OR expires > ?)",
      ),
      set: this.db.prepare<[string, string, number | null]>(
        "INSERT INTO keyv (key, value, expires) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, expires = excluded.expires",
      ),
      delete: this.db.prepare<[string]>("DELETE FROM keyv WHERE key = ?"),
      clearRange: this.db.prepare<[string, string]>("DELETE FROM keyv WHERE key >= ? AND key < ?"),
      clearAll: this.db.prepare("DELETE FROM keyv"),
      scanRange: this.db.prepare<[string, string, number], Row>(
        "SELECT key, value FROM keyv WHERE key >= ? AND key < ? AND (expires IS NULL OR expires > ?) ORDER BY key",
      ),
      scanAll: this.db.prepare<[number], Row>(
        "SELECT key, value FROM keyv WHERE expires IS NULL OR expires > ? ORDER BY key",
      ),
      purge: this.db.prepare<[number]>("DELETE FROM keyv WHERE expires IS NOT NULL AND expires <= ?"),
    };
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

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
 * (on open and every 1,000 writes), not only hidden.
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
    if (typeof source === "string") this.purgeExpired();
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
    if (++this.connection.writesSincePurge >= PURGE_EVERY_WRITES) this.purgeExpired();
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

  /** Deletes rows whose TTL has passed, in every namespace; returns how many. */
  purgeExpired(now = Date.now()): number {
    this.connection.writesSincePurge = 0;
    return this.statements.purge.run(now).changes;
  }

  /** Closes the file, for every adapter sharing it. */
  async disconnect(): Promise<void> {
    this.connection.close();
  }
}
