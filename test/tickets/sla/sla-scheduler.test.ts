import { describe, expect, it } from "vitest";
import { createSlaScheduler, type SlaEvent } from "../../../src/tickets/sla/sla-scheduler.ts";
import { createTicketStore } from "../../../src/tickets/ticket-store.ts";
import { storeEngines, useTestDatabase } from "../support/engines.ts";
import { fakeClock, HOUR, kst, MINUTE, openStore, RULES, sla, ticketInput } from "../support/fixtures.ts";

const engines = await storeEngines();
const MONDAY_10 = kst(2025, 1, 13, 10);
const summary = (events: SlaEvent[]) =>
  events.map((event) => `${event.ticket.id} ${event.type} ${event.target}`);

describe.each(engines)("SLA scheduler on $name", (engine) => {
  describe.skipIf(engine.skipReason !== undefined)("", () => {
    const database = useTestDatabase(engine);

    it("raises the warning and the breach once each", async () => {
      const clock = fakeClock(MONDAY_10);
      const store = await openStore(database().open(), clock);
      const received: SlaEvent[] = [];
      const scheduler = createSlaScheduler({ store, clock, onEvent: (event) => void received.push(event) });
      const { id } = await store.create(ticketInput({ priority: "urgent" }), RULES);

      clock.set(MONDAY_10 + 47 * MINUTE);
      expect(await scheduler.tick()).toEqual([]);
      clock.set(MONDAY_10 + 48 * MINUTE);
      expect(summary(await scheduler.tick())).toEqual([`${id} sla.warning first_response`]);
      expect(await scheduler.tick()).toEqual([]);
      clock.set(MONDAY_10 + HOUR);
      expect(summary(await scheduler.tick())).toEqual([`${id} sla.breached first_response`]);
      expect(await scheduler.tick()).toEqual([]);

      expect(summary(received)).toEqual([
        `${id} sla.warning first_response`,
        `${id} sla.breached first_response`,
      ]);
      expect(received[1]).toMatchObject({ dueAt: MONDAY_10 + HOUR, ticket: { id, priority: "urgent" } });
      const types = (await store.listEvents(id)).map((event) => event.type);
      expect(types).toEqual(["created", "sla_warning", "sla_breached"]);
    });

    it("stays silent for targets met in time", async () => {
      const clock = fakeClock(MONDAY_10);
      const store = await openStore(database().open(), clock);
      const received: SlaEvent[] = [];
      const scheduler = createSlaScheduler({ store, clock, onEvent: (event) => void received.push(event) });
      const { id } = await store.create(ticketInput({ priority: "urgent" }), RULES);
      clock.set(MONDAY_10 + 10 * MINUTE);
      await store.addMessage(id, { author: "agent", text: "Hello!" });
      await store.setStatus(id, "solved");
      // Past every due time (8 business hours ends Monday 18:00).
      clock.set(kst(2025, 1, 14, 12));
      expect(await scheduler.tick()).toEqual([]);
      expect(received).toEqual([]);
      expect(await store.dueTimers(clock())).toEqual([]);
    });

    it("never double-fires with two schedulers (two processes) on one database", async () => {
      const clock = fakeClock(MONDAY_10);
      const a = await openStore(database().open(), clock);
      const b = createTicketStore({ db: database().open(), sla, clock });
      const received: SlaEvent[] = [];
      const onEvent = (event: SlaEvent) => void received.push(event);
      const schedulers = [a, b].map((store) => createSlaScheduler({ store, clock, onEvent, batchSize: 3 }));
      const tickets = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          (i % 2 ? a : b).create(ticketInput({ priority: "urgent" }), RULES),
        ),
      );
      clock.set(MONDAY_10 + HOUR);
      await Promise.all(schedulers.flatMap((scheduler) => [scheduler.tick(), scheduler.tick()]));
      expect(received).toHaveLength(12);
      expect(new Set(summary(received)).size).toBe(12);
      for (const ticket of tickets) {
        // The two processes fire concurrently, so one ticket's events may be logged in either order.
        const types = (await a.listEvents(ticket.id)).map((event) => event.type).sort();
        expect(types).toEqual(["created", "sla_breached", "sla_warning"]);
      }
    });

    it("survives a restart: fired timers stay fired, pending ones still fire", async () => {
      const clock = fakeClock(MONDAY_10);
      const firstDb = database().open();
      const first = await openStore(firstDb, clock);
      const beforeRestart: SlaEvent[] = [];
      const { id } = await first.create(ticketInput({ priority: "urgent" }), RULES);
      clock.set(MONDAY_10 + 50 * MINUTE);
      await createSlaScheduler({ store: first, clock, onEvent: (e) => void beforeRestart.push(e) }).tick();
      expect(summary(beforeRestart)).toEqual([`${id} sla.warning first_response`]);
      await firstDb.close();

      const second = await openStore(database().open(), clock);
      const afterRestart: SlaEvent[] = [];
      const scheduler = createSlaScheduler({
        store: second,
        clock,
        onEvent: (e) => void afterRestart.push(e),
      });
      expect(await scheduler.tick()).toEqual([]);
      clock.set(MONDAY_10 + HOUR);
      await scheduler.tick();
      expect(summary(afterRestart)).toEqual([`${id} sla.breached first_response`]);
    });

    it("polls on its own once started, and a failing handler does not stop it", async () => {
      const clock = fakeClock(MONDAY_10);
      const store = await openStore(database().open(), clock);
      await store.create(ticketInput({ priority: "urgent" }), RULES);
      clock.set(MONDAY_10 + HOUR);
      const seen: string[] = [];
      let resolve = () => {};
      const done = new Promise<void>((settle) => {
        resolve = settle;
      });
      const scheduler = createSlaScheduler({
        store,
        clock,
        intervalMs: 5,
        onEvent: (event) => {
          seen.push(event.type);
          if (seen.length === 2) resolve();
          throw new Error("handler failed");
        },
      });
      scheduler.start();
      await done;
      await scheduler.stop();
      expect(seen).toEqual(["sla.warning", "sla.breached"]);
    });
  });
});
