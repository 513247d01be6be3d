import { type BackgroundJobs, startBackgroundJobs } from "../../src/app/background-jobs.ts";
import type { App } from "../../src/app/create-app.ts";
import { createSilentLogger } from "../../src/core/logger.ts";

type JobsOptions = Parameters<typeof startBackgroundJobs>[0];

/** Background jobs whose clock the test moves: `advance` it, then `runOnce`. */
export interface TestJobs extends BackgroundJobs {
  advance(ms: number): void;
}

/**
 * Starts an app's background jobs as a test wants them: silent, auto-close after 7 days, periods of an
 * hour (so only `runOnce` runs them) and a clock that stands still until `advance` moves it.
 */
export function startTestJobs(
  app: Pick<App, "tickets" | "handoff" | "ticketDesk">,
  options: Partial<Omit<JobsOptions, "now">> = {},
): TestJobs {
  let now = Date.now();
  const jobs = startBackgroundJobs({
    tickets: app.tickets,
    handoff: app.handoff,
    ticketDesk: app.ticketDesk,
    logger: createSilentLogger(),
    autoCloseDays: 7,
    intervalMs: 3_600_000,
    now: () => now,
    ...options,
  });
  return {
    ...jobs,
    advance(ms) {
      now += ms;
    },
  };
}
