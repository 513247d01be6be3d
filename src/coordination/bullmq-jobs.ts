import { createClient } from "@keyv/redis";
import { Queue, Worker } from "bullmq";
import type { Logger } from "../core/logger.ts";
import { createJobTally, type JobRunner, type ScheduledJob } from "./jobs.ts";
import { connectWithin } from "./redis-coordinator.ts";

export interface BullJobsOptions {
  url: string;
  /** BullMQ's key prefix (default `switchboard:jobs`), so several bots can share one Redis. */
  prefix?: string;
  logger: Logger;
  /** Tries per run before it counts as failed (default 3), with exponential back-off from `backoffMs`. */
  attempts?: number;
  backoffMs?: number;
  /** Hears each run's outcome on this process (metrics). */
  onRun?: (job: string, outcome: "ok" | "failed") => void;
}

const QUEUE = "background";

/**
 * Jobs on a BullMQ queue in Redis, for several processes: each job is a job scheduler
 * (`upsertJobScheduler`, idempotent, so every process may declare it) that puts one job on the
 * queue per period, and one worker of one process takes it. A run that throws is retried with
 * back-off; a process that dies mid-run has its job taken over once BullMQ's lock on it lapses.
 */
export async function createBullJobs(options: BullJobsOptions): Promise<JobRunner> {
  const connection = createClient({ url: options.url });
  connection.on("error", () => undefined); // BullMQ reports failures through its own events
  await connectWithin(connection, options.url, 10_000);
  const prefix = options.prefix ?? "switchboard:jobs";
  const log = options.logger.child({ component: "jobs" });
  const tally = createJobTally(options.onRun);
  const queue = new Queue(QUEUE, { connection, prefix });
  queue.on("error", (error) => log.warn({ err: error }, "job queue error"));
  let worker: Worker | undefined;
  const byName = new Map<string, ScheduledJob>();

  return {
    async start(jobs) {
      for (const job of jobs) byName.set(job.name, job);
      worker = new Worker(
        QUEUE,
        async (run) => {
          const job = byName.get(run.name);
          if (!job) throw new Error(`no background job named ${run.name} in this process`);
          await job.run();
        },
        { connection, prefix },
      );
      worker.on("error", (error) => log.warn({ err: error }, "job worker error"));
      worker.on("completed", (run) => tally.ran(run.name));
      worker.on("failed", (run, error) => {
        if (!run) return;
        tally.failed(run.name, error);
        log.error({ err: error, job: run.name, attempt: run.attemptsMade }, "background job failed");
      });
      for (const job of jobs) {
        await queue.upsertJobScheduler(
          job.name,
          { every: job.everyMs },
          {
            name: job.name,
            opts: {
              attempts: options.attempts ?? 3,
              backoff: { type: "exponential", delay: options.backoffMs ?? 1_000 },
              // Kept an hour (at most 1,000): what ran where stays visible in Redis.
              removeOnComplete: { age: 3_600, count: 1_000 },
              removeOnFail: { age: 3_600, count: 1_000 },
            },
          },
        );
      }
    },
    health() {
      return { runner: "queue", jobs: tally.jobs };
    },
    async depth() {
      const counts = await queue.getJobCounts("waiting", "active", "delayed", "prioritized");
      return Object.values(counts).reduce((sum, count) => sum + count, 0);
    },
    async stop() {
      await worker?.close();
      await queue.close();
      if (connection.isOpen) await connection.close();
    },
  };
}
