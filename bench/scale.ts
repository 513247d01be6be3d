/**
 * Load across bot processes: `npm run bench -- --processes 1,2,4` starts that many `src/main.ts`
 * processes on one Redis and one PostgreSQL for each count in turn, drives web chat customers over
 * WebSockets spread across them (each customer waits for the answer before asking again), and
 * reports messages/s and p50/p99 latency (send → first reply frame) per process count, with the
 * throughput as a ratio to the first count measured in the same run.
 */
import { performance } from "node:perf_hooks";
import { parseConfig } from "../src/app/config.ts";
import { loadKnowledgeBase } from "../src/kb/load-kb.ts";
import { backendsForThisRun, createSharedBackends } from "../test/scale/support/bot-processes.ts";
import { createChatClient } from "../test/scale/support/chat-client.ts";
import { percentile } from "./percentile.ts";

export interface ScaleResult {
  processes: number;
  messages: number;
  messagesPerSecond: number;
  p50Ms: number;
  p99Ms: number;
}

async function measure(
  processes: number,
  questions: readonly string[],
  options: { customers: number; messages: number; redisUrl: string },
): Promise<ScaleResult> {
  const backends = await createSharedBackends(options.redisUrl);
  try {
    const bots = await Promise.all(Array.from({ length: processes }, (_, n) => backends.start(`bench-${n}`)));
    const customers = await Promise.all(
      Array.from({ length: options.customers }, async (_, index) => {
        const client = createChatClient();
        await client.connect((bots[index % bots.length] as { url: string }).url);
        return client;
      }),
    );
    const ask = async (client: (typeof customers)[number], id: string, text: string) => {
      const t0 = performance.now();
      const replied = client.replied(id);
      client.send(id, text);
      await replied;
      return performance.now() - t0;
    };
    // Warm-up: every process answers a few before the clock starts.
    await Promise.all(
      customers.map((client, c) => ask(client, "warm", questions[c % questions.length] as string)),
    );
    const latencies: number[] = [];
    const started = performance.now();
    await Promise.all(
      customers.map(async (client, c) => {
        for (let i = 0; i < options.messages; i++)
          latencies.push(await ask(client, `m${i}`, questions[(c * 7 + i) % questions.length] as string));
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    for (const client of customers) client.close();
    latencies.sort((x, y) => x - y);
    return {
      processes,
      messages: latencies.length,
      messagesPerSecond: Math.round(latencies.length / seconds),
      p50Ms: Number(percentile(latencies, 50).toFixed(1)),
      p99Ms: Number(percentile(latencies, 99).toFixed(1)),
    };
  } finally {
    await backends.cleanup();
  }
}

export async function runScaleBench(counts: readonly number[], json: boolean): Promise<void> {
  const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
  if (!(await backendsForThisRun(redisUrl))) return;
  const config = parseConfig({});
  const kb = loadKnowledgeBase(config.KB_PATH);
  const questions = kb.entries.flatMap((entry) => Object.values(entry.questions).flat());
  const results: ScaleResult[] = [];
  for (const processes of counts)
    results.push(await measure(processes, questions, { customers: 60, messages: 25, redisUrl }));
  const base = results[0] as ScaleResult;
  const report = results.map((result) => ({
    ...result,
    throughputRatio: Number((result.messagesPerSecond / base.messagesPerSecond).toFixed(2)),
  }));
  if (json) {
    console.log(JSON.stringify({ redis: true, postgres: true, results: report }, null, 2));
    return;
  }
  console.log("Web chat turns over WebSockets, several bot processes on Redis + PostgreSQL");
  for (const result of report)
    console.log(
      `${String(result.processes).padStart(2)} process(es)  ${String(result.messagesPerSecond).padStart(5)} msg/s  p50 ${result.p50Ms} ms  p99 ${result.p99Ms} ms  ×${base.processes} process(es): ${result.throughputRatio}  (${result.messages} messages)`,
    );
}
