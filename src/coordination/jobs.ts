/** A job that runs on a clock: every `everyMs`, once across all processes. */
export interface ScheduledJob {
  name: string;
  everyMs: number;
  /** Throws to have the run retried (BullMQ: with back-off; timers: at the next period). */
  run(): Promise<void>;
}

/** What `/healthz` shows of one job. */
export interface JobHealth {
  runs: number;
  failures: number;
  lastRunAt?: string;
  lastError?: string;
}

/** What `/healthz` shows of the background jobs. */
export interface JobsHealth {
  /** `queue`: BullMQ on Redis (one run per period across processes); `timers`: this process only. */
  runner: "queue" | "timers";
  jobs: Record<string, JobHealth>;
}

/** Runs {@link ScheduledJob}s: timers in one process, or a queue shared by several. */
export interface JobRunner {
  start(jobs: readonly ScheduledJob[]): Promise<void>;
  health(): JobsHealth;
  /** Jobs waiting or delayed in the queue (metrics); 0 for timers. */
  depth(): Promise<number>;
  stop(): Promise<void>;
}

/** Counts runs and failures per job for {@link JobsHealth}. */
export function createJobTally(hear?: (job: string, outcome: "ok" | "failed") => void) {
  const jobs: Record<string, JobHealth> = {};
  const of = (name: string): JobHealth => {
    jobs[name] ??= { runs: 0, failures: 0 };
    return jobs[name];
  };
  return {
    jobs,
    ran(name: string, at = new Date()) {
      const job = of(name);
      job.runs += 1;
      job.lastRunAt = at.toISOString();
      hear?.(name, "ok");
    },
    failed(name: string, error: unknown, at = new Date()) {
      const job = of(name);
      job.failures += 1;
      job.lastRunAt = at.toISOString();
      job.lastError = error instanceof Error ? error.message : String(error);
      hear?.(name, "failed");
    },
  };
}
