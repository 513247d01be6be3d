import type { Logger } from "../core/logger.ts";
import type { HandoffService } from "../handoff/handoff-service.ts";
import { createSlaScheduler, type SlaEvent } from "../tickets/sla/sla-scheduler.ts";
import type { TicketDesk } from "../tickets/ticket-desk.ts";
import type { TicketService } from "../tickets/ticket-service.ts";

export interface BackgroundJobs {
  stop(): Promise<void>;
  /** Runs every job once now (tests, and the first pass at start-up). */
  runOnce(): Promise<void>;
}

/**
 * What runs on a clock: SLA warnings and breaches (shown on the desk, in the ticket's thread),
 * auto-closing tickets solved long ago (no survey), and expiring silent people's leases.
 */
export function startBackgroundJobs(deps: {
  tickets: TicketService;
  handoff: HandoffService;
  /** Where SLA warnings and breaches are shown to staff. */
  ticketDesk: TicketDesk;
  logger: Logger;
  autoCloseDays: number;
  /** Hears each SLA event this process fired (metrics). */
  onSlaEvent?: (event: SlaEvent) => void;
  intervalMs?: number;
  now?: () => number;
}): BackgroundJobs {
  const now = deps.now ?? Date.now;
  const log = deps.logger.child({ component: "jobs" });

  async function onSlaEvent(event: SlaEvent): Promise<void> {
    const { ticket } = event;
    deps.onSlaEvent?.(event);
    log.warn(
      { ticket: ticket.id, type: event.type, target: event.target, priority: ticket.priority },
      "SLA event",
    );
    // Every ticket's warnings and breaches reach the desk (the team's Slack channel) once: the
    // scheduler fires each timer once, across processes.
    await deps.ticketDesk.slaAlert(event);
  }

  const sla = createSlaScheduler({
    store: deps.tickets.store,
    onEvent: onSlaEvent,
    logger: log,
    clock: now,
    ...(deps.intervalMs ? { intervalMs: deps.intervalMs } : {}),
  });

  async function autoClose(): Promise<void> {
    const before = now() - deps.autoCloseDays * 24 * 3600 * 1000;
    for (const ticket of await deps.tickets.store.listByStatus(["solved"], {
      updatedBefore: before,
      limit: 200,
    })) {
      await deps.tickets.store
        .autoClose(ticket.id, { actor: "system" })
        .catch((error: unknown) => log.error({ err: error, ticket: ticket.id }, "auto-close failed"));
    }
  }

  async function runOnce(): Promise<void> {
    await sla.tick();
    await autoClose();
    await deps.handoff.expireLeases();
  }

  sla.start();
  const timer = setInterval(() => {
    Promise.all([autoClose(), deps.handoff.expireLeases()]).catch((error: unknown) =>
      log.error({ err: error }, "background job failed"),
    );
  }, deps.intervalMs ?? 60_000);
  timer.unref();

  return {
    runOnce,
    async stop() {
      clearInterval(timer);
      await sla.stop();
    },
  };
}
