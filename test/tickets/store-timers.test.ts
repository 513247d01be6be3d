import { describe, expect, it } from "vitest";
import { createTicketStore } from "../../src/tickets/ticket-store.ts";
import { storeEngines, useTestDatabase } from "./support/engines.ts";
import { fakeClock, HOUR, kst, MINUTE, openStore, RULES, sla, ticketInput } from "./support/fixtures.ts";

const engines = await storeEngines();
const MONDAY_10 = kst(2025, 1, 13, 10);

describe.each(engines)("SLA timers on $name", (engine) => {
  describe.skipIf(engine.skipReason !== undefined)("", () => {
    const database = useTestDatabase(engine);

    it("lists due timers earliest first and lets exactly one caller mark each fired", async () => {
      const clock = fakeClock(MONDAY_10);
      const store = await openStore(database().open(), clock);
      const { id } = await store.create(ticketInput({ priority: "urgent" }), RULES);
      expect(await store.dueTimers(MONDAY_10 + 47 * MINUTE)).toEqual([]);
      const due = await store.dueTimers(MONDAY_10 + HOUR);
      expect(due.map((t) => [t.ticketId, t.target, t.kind])).toEqual([
        [id, "first_response", "warning"],
        [id, "first_response", "breach"],
      ]);
      const [warning] = due;
      if (!warning) throw new Error("expected a warning timer");
      const wins = await Promise.all(Array.from({ length: 10 }, () => store.markFired(warning.id)));
      expect(wins.filter(Boolean)).toHaveLength(1);
      expect((await store.dueTimers(MONDAY_10 + HOUR)).map((t) => t.kind)).toEqual(["breach"]);
    });

    it("fires a timer once when two processes race for it", async () => {
      const clock = fakeClock(MONDAY_10);
      const a = await openStore(database().open(), clock);
      const b = createTicketStore({ db: database().open(), sla, clock });
      const { id } = await a.create(ticketInput({ priority: "urgent" }), RULES);
      clock.set(MONDAY_10 + HOUR);
      const timers = await a.dueTimers(clock());
      const results = await Promise.all(timers.flatMap((t) => [a.fireTimer(t.id), b.fireTimer(t.id)]));
      expect(results.filter((r) => r.outcome === "fired")).toHaveLength(2);
      expect(results.filter((r) => r.outcome === "skipped")).toHaveLength(2);
      // Both timers were fired concurrently, so their events may be logged in either order.
      const types = (await a.listEvents(id)).map((event) => event.type).sort();
      expect(types).toEqual(["created", "sla_breached", "sla_warning"]);
    });

    it("closes timers of a target met in time without an event, but records a late one", async () => {
      const clock = fakeClock(MONDAY_10);
      const store = await openStore(database().open(), clock);
      const { id } = await store.create(ticketInput({ priority: "urgent" }), RULES);
      clock.set(MONDAY_10 + 30 * MINUTE);
      await store.addMessage(id, { author: "agent", text: "On it." });
      clock.set(MONDAY_10 + HOUR);
      const outcomes = [];
      for (const timer of await store.dueTimers(clock()))
        outcomes.push((await store.fireTimer(timer.id)).outcome);
      expect(outcomes).toEqual(["met", "met"]);
      expect((await store.listEvents(id)).map((event) => event.type)).toEqual(["created", "message"]);

      const late = await store.create(ticketInput({ priority: "urgent" }), RULES);
      clock.set(clock() + 2 * HOUR);
      await store.addMessage(late.id, { author: "agent", text: "Sorry for the wait." });
      const lateOutcomes = [];
      for (const timer of await store.dueTimers(clock()))
        lateOutcomes.push((await store.fireTimer(timer.id)).outcome);
      // The reply came after the breach time: the warning is moot, the breach still happened.
      expect(lateOutcomes).toEqual(["met", "fired"]);
    });
  });
});
