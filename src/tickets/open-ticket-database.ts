import path from "node:path";
import type { Logger } from "../core/logger.ts";
import { migrate } from "./db/migrate.ts";
import { createPostgresDatabase, redactConnectionString } from "./db/postgres-database.ts";
import type { SqlDatabase } from "./db/sql-database.ts";
import { createSqliteDatabase } from "./db/sqlite-database.ts";
import { TicketStoreError } from "./errors.ts";

/** Where tickets live: PostgreSQL when `databaseUrl` is set, otherwise a SQLite file. */
export interface TicketDatabaseOptions {
  /** `DATABASE_URL`; a `postgres://` or `postgresql://` URL. */
  databaseUrl?: string | undefined;
  /** SQLite file used without `databaseUrl` (e.g. `TICKETS_DB_FILE`, default `data/tickets.sqlite`). */
  sqliteFile: string;
  /** PostgreSQL schema to use (default: the server's search path). */
  schema?: string;
  logger?: Logger;
}

/**
 * Reads the database choice from the environment: `DATABASE_URL` (PostgreSQL) when set, otherwise
 * the SQLite file `TICKETS_DB_FILE` (default `<dataDir>/tickets.sqlite`).
 */
export function ticketDatabaseOptionsFromEnv(
  env: Record<string, string | undefined>,
  dataDir: string,
): TicketDatabaseOptions {
  const databaseUrl = env.DATABASE_URL?.trim();
  const sqliteFile = env.TICKETS_DB_FILE?.trim() || path.join(dataDir, "tickets.sqlite");
  return databaseUrl ? { databaseUrl, sqliteFile } : { sqliteFile };
}

/**
 * Opens the ticket database and migrates it. Fails at start-up, with what to fix, when PostgreSQL
 * is unreachable or the URL is not a PostgreSQL one.
 */
export async function openTicketDatabase(options: TicketDatabaseOptions): Promise<SqlDatabase> {
  let db: SqlDatabase;
  if (options.databaseUrl) {
    if (!/^postgres(?:ql)?:\/\//.test(options.databaseUrl)) {
      throw new TicketStoreError(
        `DATABASE_URL must be a PostgreSQL URL like postgres://user:password@host:5432/db (got ${redactConnectionString(options.databaseUrl)}); unset it to use the SQLite file.`,
      );
    }
    db = createPostgresDatabase({
      connectionString: options.databaseUrl,
      ...(options.schema === undefined ? {} : { schema: options.schema }),
      ...(options.logger === undefined ? {} : { logger: options.logger }),
    });
    try {
      await db.query("SELECT 1");
    } catch (error) {
      await db.close().catch(() => undefined);
      throw new TicketStoreError(
        `Could not reach PostgreSQL at ${redactConnectionString(options.databaseUrl)} (${error instanceof Error ? error.message : String(error)}): start the server or fix DATABASE_URL.`,
        { cause: error },
      );
    }
  } else {
    db = createSqliteDatabase({ file: options.sqliteFile });
  }
  try {
    await migrate(db);
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
  return db;
}
