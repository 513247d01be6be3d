import { z } from "zod";
import { TicketMigrationError } from "../errors.ts";
import { dialectSql } from "./dialect.ts";
import { migrations as allMigrations, type Migration } from "./migrations.ts";
import type { SqlDatabase } from "./sql-database.ts";

/** What {@link migrate} did. */
export interface MigrationReport {
  /** Versions applied by this call (empty when the schema was already current). */
  applied: number[];
  /** Highest version now in the database. */
  current: number;
}

const appliedRow = z.object({ version: z.number().int() });

/**
 * Brings the schema up to date. All pending migrations run in one transaction together with their
 * `schema_migrations` rows, so a failure leaves the database as it was. Two processes starting at
 * once are safe: on PostgreSQL the transaction first takes an advisory lock, on SQLite it is
 * `BEGIN IMMEDIATE`; the second process then finds nothing left to do.
 */
export async function migrate(
  db: SqlDatabase,
  migrations: readonly Migration[] = allMigrations,
): Promise<MigrationReport> {
  const sql = dialectSql(db.dialect);
  try {
    return await db.transaction(async (tx) => {
      if (sql.migrationLock) await tx.query(sql.migrationLock);
      await tx.execute(
        `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at ${sql.bigint} NOT NULL)`,
      );
      const rows = await tx.query("SELECT version FROM schema_migrations");
      const done = new Set(rows.map((row) => appliedRow.parse(row).version));
      const applied: number[] = [];
      for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
        if (done.has(migration.version)) continue;
        for (const statement of migration.statements(sql)) await tx.execute(statement);
        await tx.execute("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)", [
          migration.version,
          migration.name,
          Date.now(),
        ]);
        applied.push(migration.version);
      }
      const current = Math.max(0, ...done, ...applied);
      return { applied, current };
    });
  } catch (error) {
    throw new TicketMigrationError(
      `Ticket database migration failed and was rolled back (${error instanceof Error ? error.message : String(error)}); check that the database user may create tables, then restart.`,
      { cause: error },
    );
  }
}
