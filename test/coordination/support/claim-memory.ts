/**
 * Measures how much the JavaScript heap grows while a coordinator takes `count` claims: run with
 * `node --expose-gc --import tsx claim-memory.ts <state file> <count>`. Prints
 * `{"memory": bytes, "file": bytes}` for the in-memory coordinator and the SQLite-backed one.
 */

import { createLocalCoordinator } from "../../../src/coordination/local-coordinator.ts";
import { createMemoryCoordinator } from "../../../src/coordination/memory-coordinator.ts";
import type { Coordinator } from "../../../src/core/coordinator.ts";
import { createKeyvFactory } from "../../../src/store/create-keyv.ts";

const [file, countArg] = process.argv.slice(2);
if (!file || !countArg) throw new Error("usage: claim-memory.ts <file> <count>");
const count = Number(countArg);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("run with --expose-gc");
const collect = gc;

async function growth(coordinator: Coordinator, label: string): Promise<number> {
  // Warm up first: prepared statements, JIT, Map growth steps must not count as per-claim memory.
  for (let i = 0; i < 1_000; i++) await coordinator.claimOnce(`warm:${label}:${i}`, 86_400_000);
  collect();
  const before = process.memoryUsage().heapUsed;
  for (let i = 0; i < count; i++) {
    await coordinator.claimOnce(`web:session-${label}-${i}:message-${i}`, 86_400_000);
  }
  collect();
  return process.memoryUsage().heapUsed - before;
}

const memory = createMemoryCoordinator();
const memoryGrowth = await growth(memory, "memory");
const stores = createKeyvFactory({ kind: "file", file });
if (!stores.claims) throw new Error("the file backend keeps no claims");
const local = createLocalCoordinator({ claims: stores.claims });
const fileGrowth = await growth(local, "file");
await local.close();
await stores.close();
await memory.close();
process.stdout.write(`${JSON.stringify({ memory: memoryGrowth, file: fileGrowth })}\n`);
