/**
 * In-core benchmark: FAQ turns through `bot.handle` (understanding, retrieval, state, transcript),
 * per storage backend. Reports messages/s and p50/p99 latency, and each backend as a ratio to the
 * in-memory store measured in the same run (absolute times on shared machines are noise).
 *
 *   npm run bench [-- --json] [-- --turns 3000]
 *
 * With `--processes 1,2,4` it measures bot processes on Redis + PostgreSQL instead (bench/scale.ts).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { parseConfig } from "../src/app/config.ts";
import { createApp } from "../src/app/create-app.ts";
import { createSilentLogger } from "../src/core/logger.ts";
import { loadKnowledgeBase } from "../src/kb/load-kb.ts";
import { percentile } from "./percentile.ts";

const { values } = parseArgs({
  options: {
    json: { type: "boolean" },
    turns: { type: "string" },
    backends: { type: "string" },
    processes: { type: "string" },
  },
});
if (values.processes) {
  const { runScaleBench } = await import("./scale.ts");
  const counts = values.processes.split(",").map((count) => Number(count.trim()));
  if (counts.some((count) => !Number.isInteger(count) || count < 1))
    throw new Error(`--processes ${values.processes}: give process counts like 1,2,4`);
  await runScaleBench(counts, values.json === true);
  process.exit(0);
}
/** `--backends memory,file,redis` (default: all three; Redis only when reachable). */
const BACKENDS = new Set((values.backends ?? "memory,file,redis").split(",").map((name) => name.trim()));
const TURNS = Number(values.turns ?? 3000);
const CONVERSATIONS = 100;

interface Result {
  backend: string;
  /** FAQ engine searches per measured turn: the core reads the KB once per turn. */
  kbSearchesPerTurn: number;
  sequential: { messagesPerSecond: number; p50Ms: number; p99Ms: number };
  concurrent: { messagesPerSecond: number; conversations: number };
}

async function redisReachable(url: string): Promise<boolean> {
  const { createClient } = await import("@keyv/redis");
  const client = createClient({ url, socket: { connectTimeout: 500, reconnectStrategy: false } });
  client.on("error", () => undefined);
  try {
    await client.connect();
    await client.close();
    return true;
  } catch {
    return false;
  }
}

async function measure(backend: string, env: Record<string, string>, questions: string[]): Promise<Result> {
  // Tickets go to an in-memory database: the benchmark never writes to the real DATA_DIR.
  const config = parseConfig({ LOG_LEVEL: "silent", KB_WATCH: "false", TICKETS_DB_FILE: ":memory:", ...env });
  // Thousands of turns per conversation at machine speed: the flood budgets would drop them.
  const app = await createApp({
    config,
    logger: createSilentLogger(),
    dropUnknownChannels: true,
    rateLimits: false,
  });
  // Counts the FAQ engine's searches: every feature reads the turn's one search.
  const engine = app.knowledge.current().engine;
  const search = engine.search.bind(engine);
  let searches = 0;
  engine.search = (...args: Parameters<typeof search>) => {
    searches++;
    return search(...args);
  };
  const run = `${backend}-${Date.now()}`;
  const turn = (conversation: string, i: number) =>
    app.bot.handle({
      type: "message",
      id: `${run}-${conversation}-${i}`,
      conversation: `bench:${run}-${conversation}`,
      user: { channel: "bench", id: conversation },
      text: questions[i % questions.length] as string,
    });
  for (let i = 0; i < 200; i++) await turn("warmup", i); // JIT and caches

  const latencies: number[] = [];
  searches = 0;
  const started = performance.now();
  for (let i = 0; i < TURNS; i++) {
    const t0 = performance.now();
    await turn(`seq-${i % 20}`, i);
    latencies.push(performance.now() - t0);
  }
  const sequentialSeconds = (performance.now() - started) / 1000;
  const kbSearchesPerTurn = Number((searches / TURNS).toFixed(3));
  latencies.sort((a, b) => a - b);

  const concurrentStart = performance.now();
  await Promise.all(
    Array.from({ length: CONVERSATIONS }, async (_, c) => {
      for (let i = 0; i < TURNS / CONVERSATIONS; i++) await turn(`par-${c}`, i);
    }),
  );
  const concurrentSeconds = (performance.now() - concurrentStart) / 1000;
  await app.close();
  return {
    backend,
    kbSearchesPerTurn,
    sequential: {
      messagesPerSecond: Math.round(TURNS / sequentialSeconds),
      p50Ms: Number(percentile(latencies, 50).toFixed(3)),
      p99Ms: Number(percentile(latencies, 99).toFixed(3)),
    },
    concurrent: { messagesPerSecond: Math.round(TURNS / concurrentSeconds), conversations: CONVERSATIONS },
  };
}

const kbPath = process.env.KB_PATH;
const config = parseConfig(kbPath ? { KB_PATH: kbPath } : {});
const kb = loadKnowledgeBase(config.KB_PATH);
const questions = kb.entries.flatMap((entry) => Object.values(entry.questions).flat());
const dataDir = mkdtempSync(path.join(tmpdir(), "switchboard-bench-"));
const results: Result[] = [];
try {
  if (BACKENDS.has("memory")) results.push(await measure("memory", { STORE: "memory" }, questions));
  if (BACKENDS.has("file"))
    results.push(
      await measure("file (SQLite, embedded default)", { STORE: "file", DATA_DIR: dataDir }, questions),
    );
  const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
  if (BACKENDS.has("redis")) {
    if (await redisReachable(redisUrl))
      results.push(await measure("redis", { STORE: "redis", REDIS_URL: redisUrl }, questions));
    else console.error(`Redis not reachable at ${redisUrl}: redis backend not measured.`);
  }
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}

const baseline = results[0] as Result;
const report = {
  kb: config.KB_PATH,
  turns: TURNS,
  results: results.map((result) => ({
    ...result,
    ratioToMemory: {
      sequentialThroughput: Number(
        (result.sequential.messagesPerSecond / baseline.sequential.messagesPerSecond).toFixed(3),
      ),
      concurrentThroughput: Number(
        (result.concurrent.messagesPerSecond / baseline.concurrent.messagesPerSecond).toFixed(3),
      ),
    },
  })),
};
if (values.json) {
  console.log(JSON.stringify(report, null, 2));
} else {
  console.log(`FAQ turns through bot.handle (${TURNS} turns, KB ${path.basename(config.KB_PATH)})`);
  for (const result of report.results) {
    console.log(
      `${result.backend.padEnd(32)} sequential ${String(result.sequential.messagesPerSecond).padStart(6)} msg/s  p50 ${result.sequential.p50Ms} ms  p99 ${result.sequential.p99Ms} ms  | ${CONVERSATIONS} conversations ${String(result.concurrent.messagesPerSecond).padStart(6)} msg/s  | ×memory ${result.ratioToMemory.sequentialThroughput} / ${result.ratioToMemory.concurrentThroughput}  | KB searches/turn ${result.kbSearchesPerTurn}`,
    );
  }
}
