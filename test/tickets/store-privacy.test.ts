import { describe, expect, it } from "vitest";
import { TicketConflictError } from "../../src/tickets/errors.ts";
import { ERASED } from "../../src/tickets/ticket-anonymise.ts";
import { storeEngines, useTestDatabase } from "./support/engines.ts";
import { fakeClock, kst, MINUTE, openStore, RULES, ticketInput } from "./support/fixtures.ts";

const engines = await storeEngines();
const CANARY = "CANARY-5f3a";

describe.each(engines)("ticket CSAT, feedback and erasure on $name", (engine) => {
  describe.skipIf(engine.skipReason !== undefined)("", () => {
    const database = useTestDatabase(engine);

    async function setup() {
      const clock = fakeClock(kst(2025, 1, 13, 10));
      const db = database().open();
      return { clock, db, store: await openStore(db, clock) };
    }

    it("records CSAT once, only for a solved ticket", async () => {
      const { store } = await setup();
      const { id } = await store.create(ticketInput(), RULES);
      await expect(store.recordCsat(id, { score: 5 })).rejects.toMatchObject({ reason: "csat_not_solved" });
      await store.setStatus(id, "solved");
      await expect(store.recordCsat(id, { score: 6 })).rejects.toMatchObject({
        field: "score",
        issue: "too_long",
      });
      const rated = await store.recordCsat(id, { score: 4, comment: "Quick, thanks" });
      expect(rated).toMatchObject({ csatScore: 4, csatComment: "Quick, thanks" });
      const again = await store.recordCsat(id, { score: 1 }).catch((caught: unknown) => caught);
      expect(again).toBeInstanceOf(TicketConflictError);
      expect(again).toMatchObject({ reason: "csat_already_recorded" });
      expect((await store.get(id))?.csatScore).toBe(4);
      const csatEvents = (await store.listEvents(id)).filter((event) => event.type === "csat");
      expect(csatEvents.map((event) => event.data)).toEqual([{ score: 4, hasComment: true }]);
    });

    it("never takes CSAT after an automatic close", async () => {
      const { store } = await setup();
      const { id } = await store.create(ticketInput(), RULES);
      await store.setStatus(id, "solved");
      const closed = await store.autoClose(id);
      expect(closed).toMatchObject({ status: "closed", autoClosed: true });
      expect(await store.autoClose(id)).toEqual(closed);
      await expect(store.recordCsat(id, { score: 5 })).rejects.toMatchObject({
        reason: "csat_after_auto_close",
      });
      const open = await store.create(ticketInput(), RULES);
      await expect(store.autoClose(open.id)).rejects.toMatchObject({ reason: "invalid_transition" });
      expect((await store.listByStatus(["solved", "closed"])).map((ticket) => ticket.id)).toEqual([id]);
    });

    it("counts FAQ feedback per entry", async () => {
      const { store } = await setup();
      await store.recordFaqFeedback({ entryId: "refund-policy", helpful: true, language: "en" });
      await store.recordFaqFeedback({ entryId: "refund-policy", helpful: false, language: "ko" });
      await store.recordFaqFeedback({ entryId: "sync", helpful: true, language: "en" });
      expect(await store.faqFeedbackSummary()).toEqual([
        { entryId: "refund-policy", helpful: 1, notHelpful: 1 },
        { entryId: "sync", helpful: 1, notHelpful: 0 },
      ]);
    });

    it("erases a customer's personal data from every table and keeps the metrics", async () => {
      const { store, db, clock } = await setup();
      const customer = { channel: "web", id: `visitor-${CANARY}`, name: `Mina ${CANARY}` };
      const ticket = await store.create(
        ticketInput({
          address: `web:${CANARY}-conv`,
          customer,
          subject: `Refund ${CANARY}`,
          description: `My card ${CANARY} was charged twice`,
          orderNumber: `PM-${CANARY}`,
          actor: `customer:${customer.id}`,
        }),
        RULES,
      );
      await store.addMessage(ticket.id, {
        author: "customer",
        authorName: customer.name,
        text: `Hi, ${CANARY}`,
      });
      await store.addMessage(ticket.id, {
        author: "agent",
        authorName: "Jisoo",
        text: `Dear ${CANARY}, done.`,
      });
      await store.addMessage(ticket.id, { author: "note", text: `VIP? ${CANARY}` });
      await store.setStatus(ticket.id, "solved");
      await store.recordCsat(ticket.id, { score: 5, comment: `Thanks from ${CANARY}` });
      const second = await store.create(ticketInput({ address: "web:other", customer }), RULES);
      const bystander = await store.create(
        ticketInput({ customer: { channel: "web", id: "someone-else", name: "KEEP-ME" } }),
        RULES,
      );

      clock.advance(MINUTE);
      const result = await store.anonymiseCustomer("web", customer.id);
      expect(result).toEqual({ tickets: 2, messages: 3 });

      for (const table of await database().tables(db)) {
        const rows = await db.query(`SELECT * FROM ${table}`);
        expect(JSON.stringify(rows), `table ${table}`).not.toContain(CANARY);
      }
      const erased = await store.get(ticket.id);
      expect(erased).toMatchObject({
        id: ticket.id,
        category: "billing",
        priority: "normal",
        status: "solved",
        csatScore: 5,
        csatComment: ERASED,
        customerName: ERASED,
        subject: ERASED,
        description: ERASED,
        orderNumber: ERASED,
        createdAt: ticket.createdAt,
        anonymisedAt: clock(),
      });
      expect(erased?.solvedAt).not.toBeNull();
      expect((await store.listMessages(ticket.id)).map((line) => [line.author, line.text])).toEqual([
        ["customer", ERASED],
        ["agent", ERASED],
        ["note", ERASED],
      ]);
      const audit = (await store.listEvents(second.id)).at(-1);
      expect(audit).toMatchObject({ type: "anonymised", actor: "customer" });
      expect(audit?.data.fields).toContain("description");
      expect(await store.listByCustomer("web", customer.id)).toEqual([]);
      expect(await store.get(bystander.id)).toMatchObject({
        customerName: "KEEP-ME",
        subject: "Charged twice for March",
      });
      expect(await store.anonymiseCustomer("web", customer.id)).toEqual({ tickets: 0, messages: 0 });
    });
  });
});
