import type { Logger } from "../core/logger.ts";
import { createJobTally, type JobRunner } from "./jobs.ts";

/**
 * Jobs on `setInterval` in this process: the single-process default (no Redis). A run still going
 * when the next is due is not started twice; a failed run is retried at the next period.
 */
export function createTimerJobs(options: {
  logger: Logger;
  /** Hears each run's outcome (metrics). */
  onRun?: (job: string, outcome: "ok" | "failed") => void;
}): JobRunner {
  const tally = createJobTally(options.onRun);
  const timers: NodeJS.Timeout[] = [];
  const running = new Set<Promise<void>>();
  return {
    async start(jobs) {
      for (const job of jobs) {
        let busy = false;
        const timer = setInterval(() => {
          if (busy) return;
          busy = true;
          const run = job
            .run()
            .then(
              () => tally.ran(job.name),
              (error: unknown) => {
                tally.failed(job.name, error);
                options.logger.error(
                  { err: error, job: job.name },
                  "background job failed; retried next period",
                );
              },
            )
            .finally(() => {
              busy = false;
              running.delete(run);
            });
          running.add(run);
        }, job.everyMs);
        timer.unref();
        timers.push(timer);
      }
    },
    health: () => ({ runner: "timers", jobs: tally.jobs }),
    depth: async () => 0,
    async stop() {
      for (const timer of timers) clearInterval(timer);
      await Promise.all(running);
    },
  };
}
