import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, afterEach, beforeEach } from "vitest";
import { createPostgresDatabase } from "../../../src/tickets/db/postgres-database.ts";
import type { SqlDatabase } from "../../../src/tickets/db/sql-database.ts";
import { createSqliteDatabase } from "../../../src/tickets/db/sqlite-database.ts";

/** The Postgres the suite runs against (CI provides one on 127.0.0.1:5432). */
export const POSTGRES_URL = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

/** A fresh, empty database for one test; `open()` gives another connection to it (another "process"). */
export interface TestDatabase {
  open(): SqlDatabase;
  /** Names of every table, to scan them all. */
  tables(db: SqlDatabase): Promise<string[]>;
  dispose(): Promise<void>;
}

/** One engine of the shared store suite. */
export interface EngineCase {
  name: "sqlite" | "postgres";
  /** Set when the engine is unavailable here and the suite is skipped (never on CI). */
  skipReason: string | undefined;
  create(): Promise<TestDatabase>;
  /** Releases engine-wide resources after the file's tests. */
  shutdown(): Promise<void>;
}

function sqliteEngine(): EngineCase {
  return {
    name: "sqlite",
    skipReason: undefined,
    async create() {
      const dir = mkdtempSync(path.join(tmpdir(), "sb-tickets-"));
      const file = path.join(dir, "tickets.sqlite");
      const opened: SqlDatabase[] = [];
      return {
        open() {
          const db = createSqliteDatabase({ file });
          opened.push(db);
          return db;
        },
        async tables(db) {
          const rows = await db.query(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
          );
          return rows.map((row) => String(row.name));
        },
        async dispose() {
          await Promise.all(opened.map((db) => db.close()));
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
    async shutdown() {},
  };
}

async function probePostgres(): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message || error.name : String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

function postgresEngine(unreachable: string | undefined): EngineCase {
  const runId = randomBytes(4).toString("hex");
  let counter = 0;
  let admin: pg.Pool | undefined;
  const adminPool = () => {
    admin ??= new pg.Pool({ connectionString: POSTGRES_URL, max: 2 });
    return admin;
  };
  return {
    name: "postgres",
    skipReason: unreachable && !process.env.CI ? unreachable : undefined,
    async create() {
      if (unreachable) {
        throw new Error(
          `PostgreSQL is unreachable at ${POSTGRES_URL} (${unreachable}) and CI is set: start it (pg_ctlcluster <version> main start) or set DATABASE_URL.`,
        );
      }
      counter += 1;
      const schema = `sb_test_${runId}_${counter}`;
      await adminPool().query(`CREATE SCHEMA ${schema}`);
      const opened: SqlDatabase[] = [];
      return {
        open() {
          const db = createPostgresDatabase({ connectionString: POSTGRES_URL, schema, maxConnections: 5 });
          opened.push(db);
          return db;
        },
        async tables(db) {
          const rows = await db.query(
            "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name",
          );
          return rows.map((row) => String(row.name));
        },
        async dispose() {
          await Promise.all(opened.map((db) => db.close()));
          await adminPool().query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        },
      };
    },
    async shutdown() {
      if (!admin) return;
      // Sweep schemas of this run that a failed test may have left behind.
      const left = await admin.query<{ name: string }>(
        "SELECT nspname AS name FROM pg_namespace WHERE nspname LIKE $1",
        [`sb_test_${runId}_%`],
      );
      for (const { name } of left.rows) await admin.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`);
      await admin.end();
      admin = undefined;
    },
  };
}

/**
 * The engines every store test runs on. PostgreSQL is skipped with a warning when unreachable,
 * except on CI, where its tests fail with the reason.
 */
export async function storeEngines(): Promise<EngineCase[]> {
  const unreachable = await probePostgres();
  if (unreachable && !process.env.CI) {
    console.warn(
      `Skipping the PostgreSQL store suite: ${POSTGRES_URL} is unreachable (${unreachable}). Start PostgreSQL or set DATABASE_URL to run it; CI fails instead of skipping.`,
    );
  }
  return [sqliteEngine(), postgresEngine(unreachable)];
}

/**
 * Registers hooks giving each test a fresh empty database on `engine`; returns an accessor for it.
 * Every connection opened through it is closed and the database removed after the test.
 */
export function useTestDatabase(engine: EngineCase): () => TestDatabase {
  let current: TestDatabase | undefined;
  beforeEach(async () => {
    current = await engine.create();
  });
  afterEach(async () => {
    await current?.dispose();
    current = undefined;
  });
  afterAll(() => engine.shutdown());
  return () => {
    if (!current) throw new Error("no test database: call inside a test");
    return current;
  };
}
