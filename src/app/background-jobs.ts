import type { JobRunner, JobsHealth, ScheduledJob } from "../coordination/jobs.ts";
import { createTimerJobs } from "../coordination/timer-jobs.ts";
import type { Logger } from "../core/logger.ts";
import type { HandoffService } from "../handoff/handoff-service.ts";
import { createSlaScheduler, type SlaEvent } from "../tickets/sla/sla-scheduler.ts";
import type { TicketDesk } from "../tickets/ticket-desk.ts";
import type { TicketService } from "../tickets/ticket-service.ts";

export interface BackgroundJobs {
  /** Resolves once every job is scheduled (a queue's schedulers declared); rejects if they cannot be. */
  started: Promise<void>;
  stop(): Promise<void>;
  /** Runs every job once now, in order (tests). */
  runOnce(): Promise<void>;
  /** Runs and failures per job, for `/healthz`. */
  health(): JobsHealth;
}

/** The jobs' names, as `/healthz` and the queue show them. */
export const JOB_NAMES = {
  sla: "sla-timers",
  autoClose: "auto-close",
  leases: "lease-expiry",
  retention: "retention-purge",
} as const;

/**
 * What runs on a clock: SLA warnings and breaches (shown on the desk, in the ticket's thread; an
 * unclaimed hand-off's warning re-pings the desk), auto-closing tickets solved long ago (no
 * survey), expiring silent people's leases, and purging expired records from the store.
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
  /** Where the jobs run: a queue shared by several processes (BullMQ), or timers (default). */
  runner?: JobRunner;
  /** Deletes expired records from the store (the retention job, hourly); absent: no such job. */
  purgeExpired?: () => Promise<number>;
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

  async function purge(): Promise<void> {
    const purged = (await deps.purgeExpired?.()) ?? 0;
    if (purged > 0) log.info({ purged }, "expired records purged");
  }

  const every = deps.intervalMs;
  const jobs: ScheduledJob[] = [
    {
      name: JOB_NAMES.sla,
      everyMs: every ?? 30_000,
      run: async () => {
        await sla.tick();
      },
    },
    { name: JOB_NAMES.autoClose, everyMs: every ?? 60_000, run: autoClose },
    {
      name: JOB_NAMES.leases,
      everyMs: every ?? 60_000,
      run: async () => {
        await deps.handoff.expireLeases();
      },
    },
    ...(deps.purgeExpired ? [{ name: JOB_NAMES.retention, everyMs: every ?? 3_600_000, run: purge }] : []),
  ];
  async function runOnce(): Promise<void> {
    for (const job of jobs) await job.run();
  }

  const runner = deps.runner ?? createTimerJobs({ logger: log });
  const started = runner.start(jobs);
  started.catch((error: unknown) => log.error({ err: error }, "background jobs could not be scheduled"));

  return {
    started,
    runOnce,
    health: () => runner.health(),
    async stop() {
      await started.catch(() => undefined);
      await runner.stop();
      await sla.stop();
    },
  };
}
