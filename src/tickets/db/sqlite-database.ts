import { mkdirSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import Database from "better-sqlite3";
import { TicketStoreError } from "../errors.ts";
import type { SqlDatabase, SqlExecutor, SqlRow } from "./sql-database.ts";

/** Options for {@link createSqliteDatabase}. */
export interface SqliteDatabaseOptions {
  /** Database file; parent folders are created. `:memory:` works for throwaway use. */
  file: string;
  /**
   * How long to keep retrying when another process holds the write lock, in ms (default 5000).
   * better-sqlite3 blocks the event loop while SQLite's own busy handler waits, so only a short
   * `busy_timeout` is set on the connection and the rest of the wait is asynchronous retries.
   */
  busyTimeoutMs?: number;
}

/** SQLite's own blocking wait per attempt; short so a lock held in this process can be released. */
const PRAGMA_BUSY_TIMEOUT_MS = 5;

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && (code === "SQLITE_BUSY" || code.startsWith("SQLITE_BUSY_"));
}

/**
 * Opens a SQLite file as a {@link SqlDatabase}: WAL journal (readers never wait for the writer),
 * `synchronous=NORMAL`, foreign keys on, `secure_delete` on. Every transaction is `BEGIN IMMEDIATE`, so it holds the
 * write lock from the start and two processes on the same file are serialised instead of failing
 * halfway with SQLITE_BUSY. Calls on one instance run one at a time, in call order.
 */
export function createSqliteDatabase(options: SqliteDatabaseOptions): SqlDatabase {
  const busyTimeoutMs = options.busyTimeoutMs ?? 5_000;
  if (options.file !== ":memory:") mkdirSync(path.dirname(options.file), { recursive: true });
  let db: Database.Database;
  try {
    db = new Database(options.file);
    db.pragma(`busy_timeout = ${PRAGMA_BUSY_TIMEOUT_MS}`);
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = NORMAL");
    db.pragma("foreign_keys = ON");
    // Anonymised and deleted rows are overwritten, not left readable in free space and free pages.
    db.pragma("secure_delete = ON");
  } catch (error) {
    throw new TicketStoreError(
      `Could not open the ticket database file ${options.file}: check that the folder is writable (${String(error)}).`,
      { cause: error },
    );
  }

  const statements = new Map<string, Database.Statement>();
  function prepare(sql: string): Database.Statement {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  }

  const executor: SqlExecutor = {
    dialect: "sqlite",
    async query(sql, params = []) {
      const statement = prepare(sql);
      if (!statement.reader) {
        statement.run(...params);
        return [];
      }
      return statement.all(...params) as SqlRow[];
    },
    async execute(sql, params = []) {
      return prepare(sql).run(...params).changes;
    },
  };

  // One connection can hold one transaction; queue calls so concurrent callers do not interleave
  // statements inside someone else's transaction.
  let tail: Promise<unknown> = Promise.resolve();
  function serialise<T>(task: () => Promise<T>): Promise<T> {
    const run = tail.then(task, task);
    tail = run.catch(() => undefined);
    return run;
  }

  /** Retries `attempt` while another connection holds the lock, without blocking the event loop. */
  async function withBusyRetry<T>(attempt: () => Promise<T>): Promise<T> {
    const deadline = Date.now() + busyTimeoutMs;
    for (let delay = 1; ; delay = Math.min(delay * 2, 50)) {
      try {
        return await attempt();
      } catch (error) {
        if (!isBusy(error) || Date.now() >= deadline) throw error;
        await sleep(delay + Math.random() * delay);
      }
    }
  }

  /** A statement outside a transaction: it commits on its own, so retrying it on BUSY is safe. */
  const run = <T>(statement: () => Promise<T>) => serialise(() => withBusyRetry(statement));

  return {
    dialect: "sqlite",
    query: (sql, params) => run(() => executor.query(sql, params)),
    execute: (sql, params) => run(() => executor.execute(sql, params)),
    transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
      return serialise(async () => {
        await withBusyRetry(async () => void db.exec("BEGIN IMMEDIATE"));
        try {
          const result = await fn(executor);
          db.exec("COMMIT");
          return result;
        } catch (error) {
          if (db.inTransaction) db.exec("ROLLBACK");
          throw error;
        }
      });
    },
    compactAfterErasure() {
      // Between transactions (serialised): the log's old pages still hold the rows before anonymisation.
      return serialise(async () => {
        const [result] = db.pragma("wal_checkpoint(TRUNCATE)") as { busy: number }[];
        if (result?.busy) {
          throw new TicketStoreError(
            `The write-ahead log of ${options.file} still holds erased rows: another process was reading the file. Stop other processes using it; the log is truncated at the next erasure and at a clean shutdown.`,
          );
        }
      });
    },
    async close() {
      await serialise(async () => {
        if (db.open) db.close();
      });
    },
  };
}
