import { describe, expect, it } from "vitest";
import { TicketConflictError, TicketValidationError } from "../../src/tickets/errors.ts";
import { storeEngines, useTestDatabase } from "./support/engines.ts";
import { fakeClock, HOUR, kst, MINUTE, openStore, RULES, ticketInput } from "./support/fixtures.ts";

const engines = await storeEngines();
const MONDAY_10 = kst(2025, 1, 13, 10);

async function countRows(db: { query: (sql: string) => Promise<Record<string, unknown>[]> }, table: string) {
  return Number((await db.query(`SELECT COUNT(*) AS n FROM ${table}`))[0]?.n);
}

describe.each(engines)("ticket store on $name", (engine) => {
  describe.skipIf(engine.skipReason !== undefined)("", () => {
    const database = useTestDatabase(engine);

    async function setup() {
      const clock = fakeClock(MONDAY_10);
      const db = database().open();
      return { clock, db, store: await openStore(db, clock) };
    }

    it("creates a ticket with its created event and SLA due times", async () => {
      const { store } = await setup();
      const ticket = await store.create(ticketInput({ priorityReasons: ["keyword:charged twice"] }), RULES);
      expect(ticket).toMatchObject({
        id: "T-1001",
        status: "new",
        channel: "web",
        customerId: "cust-1",
        customerName: "Mina Park",
        orderNumber: "PM-10042",
        autoClosed: false,
        createdAt: MONDAY_10,
        // 24 business hours from Mon 10:00: Mon 8 h + Tue 9 h + Wed 7 h → Wed 16:00 KST.
        firstResponseDueAt: kst(2025, 1, 15, 16),
        // 72 business hours: Mon 8 + Tue–Fri 36 + Mon–Wed 27 = 71 h, + 1 h Thu → Thu 10:00.
        resolutionDueAt: kst(2025, 1, 23, 10),
      });
      expect(await store.get("T-1001")).toEqual(ticket);
      const events = await store.listEvents(ticket.id);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ type: "created", actor: "customer", at: MONDAY_10 });
      expect(events[0]?.data).toMatchObject({
        category: "billing",
        priorityReasons: ["keyword:charged twice"],
      });
      expect(await store.get("T-9999")).toBeUndefined();
    });

    it("refuses bad input with a coded error and writes nothing", async () => {
      const { store, db } = await setup();
      const cases = [
        [ticketInput({ category: "astrology" }), "category", "unknown_category"],
        [ticketInput({ orderNumber: "9".repeat(10_240) }), "orderNumber", "too_long"],
        [ticketInput({ subject: "s".repeat(201) }), "subject", "too_long"],
        [ticketInput({ description: "   " }), "description", "missing"],
        [ticketInput({ address: "telegram:42" }), "address", "invalid"],
      ] as const;
      for (const [input, field, issue] of cases) {
        const error = await store.create(input, RULES).catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(TicketValidationError);
        expect(error).toMatchObject({ code: "TICKET_INVALID", field, issue });
      }
      for (const table of ["tickets", "ticket_events", "sla_timers", "ticket_messages"]) {
        expect(await countRows(db, table)).toBe(0);
      }
      // No number was used up either.
      expect((await store.create(ticketInput(), RULES)).id).toBe("T-1001");
    });

    it("shows a customer only their own tickets", async () => {
      const { store } = await setup();
      const mine = await store.create(ticketInput(), RULES);
      const theirs = await store.create(
        ticketInput({ address: "web:conv-2", customer: { channel: "web", id: "cust-2" } }),
        RULES,
      );
      expect(await store.getForCustomer(mine.id, "web", "cust-1")).toMatchObject({ id: mine.id });
      expect(await store.getForCustomer(theirs.id, "web", "cust-1")).toBeUndefined();
      expect(await store.getForCustomer(mine.id, "telegram", "cust-1")).toBeUndefined();
      await store.setStatus(mine.id, "solved");
      const second = await store.create(ticketInput(), RULES);
      expect((await store.listByCustomer("web", "cust-1")).map((t) => t.id)).toEqual([second.id, mine.id]);
      expect((await store.listByCustomer("web", "cust-1", { openOnly: true })).map((t) => t.id)).toEqual([
        second.id,
      ]);
    });

    it("moves through statuses with an event each and refuses forbidden moves", async () => {
      const { store, clock } = await setup();
      const { id } = await store.create(ticketInput(), RULES);
      for (const status of ["open", "pending_internal", "solved", "open", "solved", "closed"] as const) {
        clock.advance(MINUTE);
        expect((await store.setStatus(id, status, { actor: "agent:jisoo" })).status).toBe(status);
      }
      const ticket = await store.get(id);
      expect(ticket).toMatchObject({ status: "closed", closedAt: MONDAY_10 + 6 * MINUTE });
      expect(ticket?.solvedAt).toBe(MONDAY_10 + 5 * MINUTE);
      const changes = (await store.listEvents(id)).filter((event) => event.type === "status_changed");
      expect(changes.map((event) => [event.data.from, event.data.to])).toEqual([
        ["new", "open"],
        ["open", "pending_internal"],
        ["pending_internal", "solved"],
        ["solved", "open"],
        ["open", "solved"],
        ["solved", "closed"],
      ]);
      expect(changes.every((event) => event.actor === "agent:jisoo")).toBe(true);
      const error = await store.setStatus(id, "open").catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(TicketConflictError);
      expect(error).toMatchObject({ code: "TICKET_CONFLICT", reason: "invalid_transition" });
      expect(await store.listEvents(id)).toHaveLength(7);
      expect(await store.setStatus(id, "closed")).toMatchObject({ status: "closed" });
      expect(await store.listEvents(id)).toHaveLength(7);
      await expect(store.setStatus("T-4040", "open")).rejects.toMatchObject({ code: "TICKET_NOT_FOUND" });
    });

    it("pauses the SLA clock while waiting on the customer and moves due times by the paused business time", async () => {
      const { store, clock } = await setup();
      const { id } = await store.create(ticketInput(), RULES);
      clock.set(kst(2025, 1, 13, 12));
      const paused = await store.setStatus(id, "pending_customer", { actor: "agent:jisoo" });
      expect(paused.slaPausedSince).toBe(kst(2025, 1, 13, 12));
      // Suspended timers are never due, however late it gets.
      expect(await store.dueTimers(Number.MAX_SAFE_INTEGER)).toEqual([]);

      // The customer answers Tue 12:00: paused Mon 12–18 (6 h) + Tue 09–12 (3 h) = 9 business hours.
      clock.set(kst(2025, 1, 14, 12));
      await store.addMessage(id, { author: "customer", text: "Here is the receipt." });
      const resumed = await store.get(id);
      expect(resumed).toMatchObject({ status: "open", slaPausedSince: null, slaPausedMs: 9 * HOUR });
      // Wed 16:00 + 9 business hours = Wed 16–18 (2 h) + Thu 09–16 (7 h) → Thu 16:00.
      expect(resumed?.firstResponseDueAt).toBe(kst(2025, 1, 16, 16));
      const timers = await store.dueTimers(Number.MAX_SAFE_INTEGER);
      expect(timers.find((t) => t.target === "first_response" && t.kind === "breach")?.dueAt).toBe(
        kst(2025, 1, 16, 16),
      );
      const resume = (await store.listEvents(id)).at(-1);
      expect(resume).toMatchObject({ type: "status_changed", actor: "customer" });
      expect(resume?.data).toMatchObject({ from: "pending_customer", to: "open", slaPausedMs: 9 * HOUR });

      // A second pause accumulates: Thu 10:00 → Thu 11:00 adds one business hour.
      clock.set(kst(2025, 1, 16, 10));
      await store.setStatus(id, "pending_customer");
      clock.set(kst(2025, 1, 16, 11));
      expect(await store.setStatus(id, "open")).toMatchObject({
        slaPausedMs: 10 * HOUR,
        firstResponseDueAt: kst(2025, 1, 16, 17),
      });
    });

    it("records the first agent reply as the first response and keeps the transcript", async () => {
      const { store, clock } = await setup();
      const { id } = await store.create(ticketInput(), RULES);
      clock.advance(30 * MINUTE);
      await store.addMessage(id, { author: "bot", text: "Thanks, a person will reply." });
      expect((await store.get(id))?.firstResponseAt).toBeNull();
      clock.advance(30 * MINUTE);
      await store.addMessage(id, { author: "agent", authorName: "Jisoo", text: "Looking into it." });
      clock.advance(30 * MINUTE);
      await store.addMessage(id, { author: "agent", authorName: "Jisoo", text: "Refunded." });
      expect((await store.get(id))?.firstResponseAt).toBe(MONDAY_10 + HOUR);
      const transcript = await store.listMessages(id);
      expect(transcript.map((line) => [line.author, line.text])).toEqual([
        ["bot", "Thanks, a person will reply."],
        ["agent", "Looking into it."],
        ["agent", "Refunded."],
      ]);
      await expect(store.addMessage(id, { author: "agent", text: "x".repeat(10_001) })).rejects.toMatchObject(
        {
          field: "text",
          issue: "too_long",
        },
      );
    });

    it("assigns and re-prioritises with events, moving the SLA timers to the new targets", async () => {
      const { store } = await setup();
      const { id } = await store.create(ticketInput(), RULES);
      expect(await store.assign(id, "agent:jisoo", { actor: "agent:lead" })).toMatchObject({
        assignee: "agent:jisoo",
      });
      const urgent = await store.setPriority(id, "urgent", { actor: "agent:lead", reasons: ["vip"] });
      expect(urgent).toMatchObject({ priority: "urgent", firstResponseDueAt: MONDAY_10 + HOUR });
      const timers = await store.dueTimers(MONDAY_10 + HOUR);
      // Warning at 80 % of 1 h (48 min) and the breach at 1 h.
      expect(timers.map((t) => [t.kind, t.dueAt])).toEqual([
        ["warning", MONDAY_10 + 48 * MINUTE],
        ["breach", MONDAY_10 + HOUR],
      ]);
      const events = await store.listEvents(id);
      expect(events.map((event) => event.type)).toEqual(["created", "assigned", "priority_changed"]);
      expect(events[2]?.data).toMatchObject({ from: "normal", to: "urgent", reasons: ["vip"] });
    });
  });
});
