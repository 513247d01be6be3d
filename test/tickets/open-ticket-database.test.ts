import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { TicketStoreError } from "../../src/tickets/errors.ts";
import { openTicketDatabase, ticketDatabaseOptionsFromEnv } from "../../src/tickets/open-ticket-database.ts";

describe("openTicketDatabase", () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it("uses a migrated SQLite file when DATABASE_URL is not set", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "sb-open-"));
    dirs.push(dir);
    const options = ticketDatabaseOptionsFromEnv({ DATABASE_URL: " " }, dir);
    expect(options).toEqual({ sqliteFile: path.join(dir, "tickets.sqlite") });
    const db = await openTicketDatabase(options);
    expect(db.dialect).toBe("sqlite");
    expect(await db.query("SELECT version FROM schema_migrations ORDER BY version")).toEqual([
      { version: 1 },
      { version: 2 },
      { version: 3 },
      { version: 4 },
    ]);
    await db.close();
  });

  it("picks PostgreSQL from DATABASE_URL and TICKETS_DB_FILE for SQLite", () => {
    expect(ticketDatabaseOptionsFromEnv({ DATABASE_URL: "postgres://h/db" }, "/data")).toEqual({
      databaseUrl: "postgres://h/db",
      sqliteFile: "/data/tickets.sqlite",
    });
    expect(ticketDatabaseOptionsFromEnv({ TICKETS_DB_FILE: "/var/t.db" }, "/data").sqliteFile).toBe(
      "/var/t.db",
    );
  });

  it("says what to fix when DATABASE_URL is wrong or the server is down, without the password", async () => {
    await expect(openTicketDatabase({ databaseUrl: "mysql://x", sqliteFile: "unused" })).rejects.toThrow(
      /PostgreSQL URL/,
    );
    const error = await openTicketDatabase({
      databaseUrl: "postgres://app:s3cret@127.0.0.1:1/db",
      sqliteFile: "unused",
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TicketStoreError);
    expect(String(error)).toMatch(/Could not reach PostgreSQL.*fix DATABASE_URL/);
    expect(String(error)).not.toContain("s3cret");
  });
});
