import type { Logger } from "../../core/logger.ts";
import type { TicketStore } from "../ticket-store.ts";
import type { SlaTargetName, Ticket } from "../ticket-types.ts";

/** Raised once per ticket, target and kind. */
export interface SlaEvent {
  type: "sla.warning" | "sla.breached";
  ticket: Ticket;
  target: SlaTargetName;
  dueAt: number;
}

/** Options for {@link createSlaScheduler}. */
export interface SlaSchedulerOptions {
  store: Pick<TicketStore, "dueTimers" | "fireTimer">;
  /** Receives each event after it is committed; errors are logged, not retried. */
  onEvent: (event: SlaEvent) => void | Promise<void>;
  /** Epoch-ms clock (default `Date.now`); tests inject a fake one. */
  clock?: () => number;
  /** Poll period of {@link SlaScheduler.start} in ms (default 30 000). */
  intervalMs?: number;
  /** Timers claimed per query (default 100). */
  batchSize?: number;
  logger?: Logger;
}

/** Polls the database for due SLA timers. Due times live in the DB, so restarts lose nothing. */
export interface SlaScheduler {
  /** Starts polling every `intervalMs` (the timer does not keep the process alive). */
  start(): void;
  /** Stops polling and waits for a tick in progress. */
  stop(): Promise<void>;
  /** Fires everything due now; returns the events this instance raised. */
  tick(): Promise<SlaEvent[]>;
}

/** Batches per tick: bounds a tick's length after a long outage; the rest follow next tick. */
const MAX_BATCHES = 20;

/**
 * Creates the SLA scheduler. Any number may run against one database (several processes): each
 * timer is claimed by a conditional update, so every `sla.warning`/`sla.breached` event is written
 * and delivered once. Timers whose target was met in time are closed without an event. Delivery to
 * `onEvent` happens after the claim commits: a crash in between loses the notification (never
 * duplicates it); the `sla_*` ticket event is in the audit log either way.
 */
export function createSlaScheduler(options: SlaSchedulerOptions): SlaScheduler {
  const { store, onEvent } = options;
  const clock = options.clock ?? Date.now;
  const intervalMs = options.intervalMs ?? 30_000;
  const batchSize = options.batchSize ?? 100;
  let interval: NodeJS.Timeout | undefined;
  let queue: Promise<unknown> = Promise.resolve();

  async function runOnce(): Promise<SlaEvent[]> {
    const raised: SlaEvent[] = [];
    for (let batch = 0; batch < MAX_BATCHES; batch += 1) {
      const now = clock();
      const timers = await store.dueTimers(now, batchSize);
      for (const timer of timers) {
        const result = await store.fireTimer(timer.id, now);
        if (result.outcome !== "fired") continue;
        const event: SlaEvent = {
          type: result.timer.kind === "warning" ? "sla.warning" : "sla.breached",
          ticket: result.ticket,
          target: result.timer.target,
          dueAt: result.timer.dueAt,
        };
        raised.push(event);
        try {
          await onEvent(event);
        } catch (error) {
          options.logger?.error(
            { err: error, ticket: event.ticket.id, type: event.type },
            "SLA event handler failed",
          );
        }
      }
      if (timers.length < batchSize) break;
    }
    return raised;
  }

  function tick(): Promise<SlaEvent[]> {
    const run = queue.then(runOnce, runOnce);
    queue = run.catch(() => undefined);
    return run;
  }

  return {
    start() {
      if (interval) return;
      interval = setInterval(() => {
        tick().catch((error: unknown) => {
          options.logger?.error({ err: error }, "SLA scheduler tick failed; retrying next interval");
        });
      }, intervalMs);
      interval.unref();
    },
    async stop() {
      if (interval) clearInterval(interval);
      interval = undefined;
      await queue;
    },
    tick,
  };
}
