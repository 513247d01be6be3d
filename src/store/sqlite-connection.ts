import { mkdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

/** One Keyv row. */
export interface KeyvRow {
  key: string;
  value: string;
}

/** How many writes between opportunistic purges of expired rows. */
const PURGE_EVERY_WRITES = 1000;

/**
 * One open state file and its prepared statements, shared by every Keyv namespace's adapter and the
 * idempotency claims. Two tables: `keyv` (namespaced records) and `claims` (event ids already
 * handled), both with an expiry column so expired rows are deleted from disk, not only hidden.
 */
export class SqliteConnection {
  readonly url: string;
  private readonly db: Database.Database;
  readonly statements;
  private writesSincePurge = 0;

  constructor(file: string) {
    mkdirSync(path.dirname(file), { recursive: true });
    this.url = `sqlite://${file}`;
    this.db = new Database(file);
    this.db.pragma("journal_mode = WAL");
    this.db.pragma("synchronous = NORMAL");
    // Erasure must erase: without this, deleted rows stay readable in free pages and free space
    // inside pages until SQLite happens to reuse them.
    this.db.pragma("secure_delete = ON");
    this.db.exec(
      "CREATE TABLE IF NOT EXISTS keyv (key TEXT PRIMARY KEY, value TEXT NOT NULL, expires INTEGER)",
    );
    this.db.exec("CREATE INDEX IF NOT EXISTS keyv_expires ON keyv (expires) WHERE expires IS NOT NULL");
    this.db.exec(
      "CREATE TABLE IF NOT EXISTS claims (key TEXT PRIMARY KEY, expires INTEGER NOT NULL) WITHOUT ROWID",
    );
    this.db.exec("CREATE INDEX IF NOT EXISTS claims_expires ON claims (expires)");
    // better-sqlite3 binds only anonymous `?` (or named) parameters, not numbered `?1`. Prefix scans
    // are key ranges [prefix, end) so they use the primary-key index.
    this.statements = {
      get: this.db.prepare<[string, number], KeyvRow>(
        "SELECT key, value FROM keyv WHERE key = ? AND (expires IS NULL OR expires > ?)",
      ),
      set: this.db.prepare<[string, string, number | null]>(
        "INSERT INTO keyv (key, value, expires) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, expires = excluded.expires",
      ),
      delete: this.db.prepare<[string]>("DELETE FROM keyv WHERE key = ?"),
      clearRange: this.db.prepare<[string, string]>("DELETE FROM keyv WHERE key >= ? AND key < ?"),
      clearAll: this.db.prepare("DELETE FROM keyv"),
      scanRange: this.db.prepare<[string, string, number], KeyvRow>(
        "SELECT key, value FROM keyv WHERE key >= ? AND key < ? AND (expires IS NULL OR expires > ?) ORDER BY key",
      ),
      scanAll: this.db.prepare<[number], KeyvRow>(
        "SELECT key, value FROM keyv WHERE expires IS NULL OR expires > ? ORDER BY key",
      ),
      purge: this.db.prepare<[number]>("DELETE FROM keyv WHERE expires IS NOT NULL AND expires <= ?"),
      // One statement, so atomic even against another process on the same file: a new key is
      // inserted, an expired claim is taken over, a live one is left alone (0 rows changed).
      claim: this.db.prepare<[string, number, number]>(
        "INSERT INTO claims (key, expires) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET expires = excluded.expires WHERE claims.expires <= ?",
      ),
      release: this.db.prepare<[string]>("DELETE FROM claims WHERE key = ?"),
      purgeClaims: this.db.prepare<[number]>("DELETE FROM claims WHERE expires <= ?"),
    };
    this.purgeExpired();
  }

  /** Counts a write; every 1,000 writes, expired rows are purged. */
  wrote(): void {
    if (++this.writesSincePurge >= PURGE_EVERY_WRITES) this.purgeExpired();
  }

  /** Deletes expired records and claims; returns how many rows went. */
  purgeExpired(now = Date.now()): number {
    this.writesSincePurge = 0;
    return this.statements.purge.run(now).changes + this.statements.purgeClaims.run(now).changes;
  }

  /**
   * Moves every committed page into the main file and truncates the write-ahead log to zero bytes,
   * so the old versions of erased rows it still held are gone too (secure_delete covers the main
   * file). Returns false when a reader kept the log from being truncated.
   */
  checkpointAndTruncateLog(): boolean {
    const [result] = this.db.pragma("wal_checkpoint(TRUNCATE)") as { busy: number }[];
    return result?.busy === 0;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
