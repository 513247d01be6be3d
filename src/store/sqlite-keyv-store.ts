import { EventEmitter } from "node:events";
import { mkdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import type { KeyvStoreAdapter, StoredData } from "keyv";

interface Row {
  key: string;
  value: string;
}

/**
 * A Keyv store on a local SQLite file (better-sqlite3): the embedded default, so conversation state
 * survives a restart without any server. Rows carry their expiry so expired keys are purged from disk,
 * not only hidden. One file may be shared by several Keyv namespaces.
 */
export class SqliteKeyvStore extends EventEmitter implements KeyvStoreAdapter {
  readonly opts: { dialect: "sqlite"; url: string };
  namespace?: string | undefined;
  private readonly db: Database.Database;
  private readonly statements;

  constructor(file: string) {
    super();
    mkdirSync(path.dirname(file), { recursive: true });
    this.opts = { dialect: "sqlite", url: `sqlite://${file}` };
    this.db = new Database(file);
    this.db.pragma("journal_mode = WAL");
    this.db.pragma("synchronous = NORMAL");
    this.db.exec(
      "CREATE TABLE IF NOT EXISTS keyv (key TEXT PRIMARY KEY, value TEXT NOT NULL, expires INTEGER)",
    );
    this.db.exec("CREATE INDEX IF NOT EXISTS keyv_expires ON keyv (expires) WHERE expires IS NOT NULL");
    this.statements = {
      get: this.db.prepare<[string, number], Row>(
        "SELECT key, value FROM keyv WHERE key = ? AND (expires IS NULL OR expires > ?)",
      ),
      set: this.db.prepare<[string, string, number | null]>(
        "INSERT INTO keyv (key, value, expires) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, expires = excluded.expires",
      ),
      delete: this.db.prepare<[string]>("DELETE FROM keyv WHERE key = ?"),
      clearPrefix: this.db.prepare<[string]>("DELETE FROM keyv WHERE substr(key, 1, length(?)) = ?1"),
      clearAll: this.db.prepare("DELETE FROM keyv"),
      scanPrefix: this.db.prepare<[string, number], Row>(
        "SELECT key, value FROM keyv WHERE substr(key, 1, length(?1)) = ?1 AND (expires IS NULL OR expires > ?2) ORDER BY key",
      ),
      purge: this.db.prepare<[number]>("DELETE FROM keyv WHERE expires IS NOT NULL AND expires <= ?"),
    };
    this.purgeExpired();
  }

  async get<Value>(key: string): Promise<StoredData<Value> | undefined> {
    const row = this.statements.get.get(key, Date.now());
    return row?.value as StoredData<Value> | undefined;
  }

  async set(key: string, value: unknown, ttl?: number): Promise<boolean> {
    const expires = typeof ttl === "number" && ttl > 0 ? Date.now() + ttl : null;
    this.statements.set.run(key, typeof value === "string" ? value : JSON.stringify(value), expires);
    return true;
  }

  async delete(key: string): Promise<boolean> {
    return this.statements.delete.run(key).changes > 0;
  }

  async clear(): Promise<void> {
    if (this.namespace) this.statements.clearPrefix.run(`${this.namespace}:`);
    else this.statements.clearAll.run();
  }

  async has(key: string): Promise<boolean> {
    return this.statements.get.get(key, Date.now()) !== undefined;
  }

  async *iterator<Value>(namespace?: string): AsyncGenerator<Array<string | Awaited<Value> | undefined>, void> {
    const prefix = namespace ? `${namespace}:` : "";
    for (const row of this.statements.scanPrefix.all(prefix, Date.now())) {
      yield [row.key, row.value as Awaited<Value>];
    }
  }

  /** Deletes rows whose TTL has passed; returns how many. */
  purgeExpired(now = Date.now()): number {
    return this.statements.purge.run(now).changes;
  }

  async disconnect(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
