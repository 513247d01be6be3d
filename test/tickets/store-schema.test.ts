import { describe, expect, it } from "vitest";
import { migrate } from "../../src/tickets/db/migrate.ts";
import { migrations } from "../../src/tickets/db/migrations.ts";
import { TicketMigrationError } from "../../src/tickets/errors.ts";
import { createTicketStore } from "../../src/tickets/ticket-store.ts";
import { storeEngines, useTestDatabase } from "./support/engines.ts";
import { fakeClock, kst, openStore, RULES, sla, ticketInput } from "./support/fixtures.ts";

const engines = await storeEngines();

describe.each(engines)("ticket schema on $name", (engine) => {
  describe.skipIf(engine.skipReason !== undefined)("", () => {
    const database = useTestDatabase(engine);

    it("migrates an empty database, and running the migrations again changes nothing", async () => {
      const db = database().open();
      expect(await migrate(db)).toEqual({ applied: [1, 2, 3, 4], current: 4 });
      expect(await database().tables(db)).toEqual(
        expect.arrayContaining([
          "faq_feedback",
          "insight_turns",
          "pii_reveals",
          "schema_migrations",
          "sla_timers",
          "ticket_events",
          "ticket_messages",
          "tickets",
          "user_blocks",
        ]),
      );
      expect(await migrate(db)).toEqual({ applied: [], current: 4 });
      const recorded = await db.query("SELECT version, name FROM schema_migrations ORDER BY version");
      expect(recorded).toEqual([
        { version: 1, name: "tickets" },
        { version: 2, name: "user_blocks" },
        { version: 3, name: "pii_reveals" },
        { version: 4, name: "insight_turns" },
      ]);
    });

    it("is safe when two processes migrate the same empty database at once", async () => {
      const [a, b] = [database().open(), database().open()];
      const reports = await Promise.all([migrate(a), migrate(b)]);
      expect(reports.map((report) => report.applied).sort()).toEqual([[], [1, 2, 3, 4]]);
      expect(await a.query("SELECT version FROM schema_migrations ORDER BY version")).toEqual([
        { version: 1 },
        { version: 2 },
        { version: 3 },
        { version: 4 },
      ]);
    });

    it("rolls a failing migration back completely and records nothing", async () => {
      const db = database().open();
      const broken = [
        ...migrations,
        { version: 99, name: "broken", statements: () => ["CREATE TABLE extra (id TEXT)", "NOT SQL AT ALL"] },
      ];
      await expect(migrate(db, broken)).rejects.toBeInstanceOf(TicketMigrationError);
      expect(await database().tables(db)).not.toContain("tickets");
      expect(await database().tables(db)).not.toContain("extra");
    });

    it("gives 20 parallel creations 20 distinct ids and 20 rows, across two processes", async () => {
      const clock = fakeClock(kst(2025, 1, 13, 10));
      const first = await openStore(database().open(), clock);
      const second = createTicketStore({ db: database().open(), sla, clock });
      const tickets = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          (i % 2 === 0 ? first : second).create(
            ticketInput({ address: `web:conv-${i}`, customer: { channel: "web", id: `cust-${i}` } }),
            RULES,
          ),
        ),
      );
      const ids = tickets.map((ticket) => ticket.id);
      expect(new Set(ids).size).toBe(20);
      expect(ids.every((id) => /^T-\d+$/.test(id))).toBe(true);
      expect([...tickets.map((ticket) => ticket.number)].sort((a, b) => a - b)).toEqual(
        Array.from({ length: 20 }, (_, i) => 1001 + i),
      );
      const rows = await database().open().query("SELECT COUNT(*) AS n FROM tickets");
      expect(Number(rows[0]?.n)).toBe(20);
      const timers = await first.dueTimers(Number.MAX_SAFE_INTEGER, 1000);
      expect(timers).toHaveLength(80);
    });

    it("makes a writer wait for another process's transaction instead of failing", async () => {
      const clock = fakeClock(kst(2025, 1, 13, 10));
      const holderDb = database().open();
      const holder = await openStore(holderDb, clock);
      const waiter = createTicketStore({ db: database().open(), sla, clock });
      let releaseLock = () => {};
      const held = new Promise<void>((resolve) => {
        releaseLock = resolve;
      });
      const holding = holderDb.transaction(async (tx) => {
        await tx.execute(
          "INSERT INTO faq_feedback (entry_id, helpful, language, at) VALUES ('a', 1, 'en', 0)",
        );
        await held;
      });
      const waiting = waiter.create(ticketInput(), RULES);
      await new Promise((resolve) => setTimeout(resolve, 100));
      releaseLock();
      await holding;
      expect((await waiting).id).toBe("T-1001");
      expect(await holder.faqFeedbackSummary()).toEqual([{ entryId: "a", helpful: 1, notHelpful: 0 }]);
    });

    it("continues numbering after a restart", async () => {
      const clock = fakeClock(kst(2025, 1, 13, 10));
      const before = await openStore(database().open(), clock);
      expect((await before.create(ticketInput(), RULES)).id).toBe("T-1001");
      const after = await openStore(database().open(), clock);
      expect((await after.create(ticketInput(), RULES)).id).toBe("T-1002");
    });
  });
});
