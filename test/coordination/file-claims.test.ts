import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { createLocalCoordinator } from "../../src/coordination/local-coordinator.ts";
import { createKeyvFactory } from "../../src/store/create-keyv.ts";

const support = path.join(path.dirname(fileURLToPath(import.meta.url)), "support");
const dir = await mkdtemp(path.join(os.tmpdir(), "switchboard-file-claims-"));
const children = new Set<ChildProcessWithoutNullStreams>();
afterAll(async () => {
  for (const child of children) child.kill();
  await rm(dir, { recursive: true, force: true });
});

/** Starts a TypeScript script in its own Node process; its stdout is read line by line. */
function start(script: string, args: string[], nodeFlags: string[] = []) {
  const child = spawn(
    process.execPath,
    [...nodeFlags, "--import", "tsx", path.join(support, script), ...args],
    {
      cwd: process.cwd(),
    },
  );
  children.add(child);
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
  return {
    child,
    async nextLine(): Promise<string> {
      const next = await lines.next();
      if (next.done) throw new Error(`${script} ended without output: ${stderr}`);
      return next.value;
    },
    async done(): Promise<void> {
      const code = await exited;
      children.delete(child);
      if (code !== 0) throw new Error(`${script} exited with ${code}: ${stderr}`);
    },
  };
}

describe("Idempotency claims in the SQLite state file (STORE=file)", () => {
  it("grants each key to exactly one of three processes claiming the same keys at once", async () => {
    const file = path.join(dir, "race.sqlite");
    await createKeyvFactory({ kind: "file", file }).close(); // create the tables before the race
    const keys = 300;
    const workers = [0, 1, 2].map((seed) => start("claim-worker.ts", [file, String(keys), String(seed)]));
    for (const worker of workers) expect(await worker.nextLine()).toBe("ready");
    for (const worker of workers) worker.child.stdin.write("go\n");
    const won = await Promise.all(
      workers.map(async (worker) => JSON.parse(await worker.nextLine()) as number[]),
    );
    await Promise.all(workers.map((worker) => worker.done()));
    const all = won.flat().sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: keys }, (_, i) => i));
  });

  it("keeps nothing in process memory per claim: 20,000 claims grow the heap far less than in memory", async () => {
    const measure = start("claim-memory.ts", [path.join(dir, "memory.sqlite"), "20000"], ["--expose-gc"]);
    const growth = JSON.parse(await measure.nextLine()) as { memory: number; file: number };
    await measure.done();
    // The in-memory claims hold every key for a day (~250 B each); the file-backed ones nothing.
    expect(growth.memory).toBeGreaterThan(20 * Math.max(growth.file, 0));
    expect(growth.file).toBeLessThan(growth.memory / 20);
  });

  it("purges expired claims from the file", async () => {
    const file = path.join(dir, "purge.sqlite");
    const stores = createKeyvFactory({ kind: "file", file });
    const claims = stores.claims;
    if (!claims) throw new Error("the file backend keeps no claims");
    const coordinator = createLocalCoordinator({ claims });
    const rows = () => {
      const db = new Database(file, { readonly: true });
      try {
        return (db.prepare("SELECT count(*) AS n FROM claims").get() as { n: number }).n;
      } finally {
        db.close();
      }
    };
    try {
      for (let i = 0; i < 10; i++) await coordinator.claimOnce(`telegram:old:${i}`, 1);
      await coordinator.claimOnce("telegram:kept", 60_000);
      expect(rows()).toBe(11);
      // The periodic purge runs every 1,000 writes; these claims are those writes.
      for (let i = 0; i < 1_000; i++) await coordinator.claimOnce(`telegram:new:${i}`, 60_000);
      expect(rows()).toBe(1_001);
      expect(await coordinator.claimOnce("telegram:kept", 60_000)).toBe(false);
    } finally {
      await coordinator.close();
      await stores.close();
    }
  });
});
