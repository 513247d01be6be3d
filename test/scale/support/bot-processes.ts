import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createClient } from "@keyv/redis";
import pg from "pg";
import { redisAvailable } from "../../helpers/redis.ts";

/** The PostgreSQL the tests use: `DATABASE_URL`, or the one CI starts (database `test`, trust auth). */
const POSTGRES_URL = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

const ROOT = path.resolve(import.meta.dirname, "../../..");
const TSX = path.join(ROOT, "node_modules", ".bin", "tsx");

/** One `src/main.ts` started as a child process on a free port. */
export interface BotProcess {
  readonly name: string;
  readonly url: string;
  readonly child: ChildProcess;
  /** What the process wrote to stderr (its start-up lines and warnings), for failure messages. */
  readonly stderr: () => string;
  /** Resolves once the process has exited. */
  readonly exited: Promise<void>;
}

/** The Redis and PostgreSQL several bot processes share in one test run, scoped to the run. */
export interface SharedBackends {
  readonly redisUrl: string;
  /** Start of every Redis key the processes write (`REDIS_PREFIX`). */
  readonly prefix: string;
  readonly databaseUrl: string;
  readonly env: Record<string, string>;
  start(name: string, extra?: Record<string, string>): Promise<BotProcess>;
  /** Stops every process still running, drops the schema and the data directory. */
  cleanup(): Promise<void>;
}

/** Whether Redis and PostgreSQL answer; prints why the suite is skipped when they do not. */
export async function backendsForThisRun(redisUrl: string): Promise<boolean> {
  const reasons: string[] = [];
  if (!(await redisAvailable(redisUrl))) reasons.push(`Redis is not reachable at ${redisUrl}`);
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 1_000 });
  try {
    await client.connect();
  } catch (error) {
    reasons.push(`PostgreSQL is not reachable at ${POSTGRES_URL} (${(error as Error).message})`);
  } finally {
    await client.end().catch(() => undefined);
  }
  if (reasons.length === 0) return true;
  const ci = process.env.CI;
  const message = `${reasons.join("; ")}: skipping the multi-process suite`;
  if (ci && ci !== "false" && ci !== "0") throw new Error(`${message} — CI must provide both`);
  console.warn(message);
  return false;
}

/**
 * Sets up one run's backends: a fresh PostgreSQL schema (through `search_path` in the URL), a
 * Redis key prefix, a data directory; `start` launches `tsx src/main.ts` with them on port 0 and
 * resolves with the URL it printed.
 */
export async function createSharedBackends(redisUrl: string): Promise<SharedBackends> {
  const run = randomBytes(4).toString("hex");
  const schema = `sb_scale_${run}`;
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  const dataDir = mkdtempSync(path.join(tmpdir(), "switchboard-scale-"));
  const prefix = `switchboard-test:scale:${run}:`;
  const url = new URL(POSTGRES_URL);
  url.searchParams.set("options", `-c search_path=${schema}`);
  const databaseUrl = url.toString();
  const processes: BotProcess[] = [];
  const env: Record<string, string> = {
    STORE: "redis",
    REDIS_URL: redisUrl,
    REDIS_PREFIX: prefix,
    DATABASE_URL: databaseUrl,
    DATA_DIR: dataDir,
    HOST: "127.0.0.1",
    PORT: "0",
    KB_WATCH: "false",
    LOG_LEVEL: "warn",
    // Every test client comes from 127.0.0.1: the per-address budget would refuse the bursts.
    RATE_LIMIT_CLIENT: "off",
    RATE_LIMIT_USER: "off",
    RATE_LIMIT_CONVERSATION: "off",
    ESCALATE_AFTER_UNANSWERED: "1000",
    // The state and transcripts (Keyv namespaces, not under REDIS_PREFIX) expire on their own.
    STATE_TTL_DAYS: "0.01",
    // Short enough that the kill -9 case waits seconds, long enough that a live holder on a loaded
    // machine renews in time (a lapsed lease sends its turn to the back of the line).
    LOCK_LEASE_SECONDS: "10",
    JOBS_INTERVAL_SECONDS: "1",
    SLA_CLOCK: "calendar",
    SLA_BUSINESS_HOURS: "mon-sun 00:00-24:00",
    SLA_HOLIDAYS: "",
    // Normal tickets: warning, then breach, within seconds (hours as fractions).
    SLA_TARGETS: "urgent=0.001/0.002,high=0.001/0.002,normal=0.001/0.002,low=0.001/0.002",
  };

  async function start(name: string, extra: Record<string, string> = {}): Promise<BotProcess> {
    const { REDIS_URL: _r, DATABASE_URL: _d, ...inherited } = process.env;
    const child = spawn(TSX, ["src/main.ts"], {
      cwd: ROOT,
      env: { ...inherited, ...env, METRICS_PROCESS: name, ...extra },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    const url = await new Promise<string>((resolve, reject) => {
      child.stderr?.on("data", (chunk: Buffer) => {
        stderr += chunk.toString("utf8");
        const match = /Switchboard web chat: (http:\/\/\S+\/)/.exec(stderr);
        if (match?.[1]) resolve(match[1].replace("localhost", "127.0.0.1"));
      });
      child.once("exit", (code) =>
        reject(new Error(`bot process ${name} exited (${code}) before it listened:\n${stderr}`)),
      );
    });
    const started: BotProcess = { name, url, child, stderr: () => stderr, exited };
    processes.push(started);
    return started;
  }

  return {
    redisUrl,
    prefix,
    databaseUrl,
    env,
    start,
    async cleanup() {
      for (const running of processes) {
        if (running.child.exitCode === null && running.child.signalCode === null)
          running.child.kill("SIGTERM");
      }
      await Promise.all(
        processes.map((running) =>
          Promise.race([
            running.exited,
            new Promise<void>((resolve) =>
              setTimeout(() => {
                running.child.kill("SIGKILL");
                resolve();
              }, 10_000).unref(),
            ),
          ]),
        ),
      );
      const redis = createClient({ url: redisUrl });
      redis.on("error", () => undefined);
      await redis.connect();
      for await (const keys of redis.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 }))
        if (keys.length > 0) await redis.unlink(keys);
      await redis.close();
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined);
      await admin.end().catch(() => undefined);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
