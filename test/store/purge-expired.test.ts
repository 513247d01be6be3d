import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { createKeyvFactory } from "../../src/store/create-keyv.ts";
import { createTestApp, hasFixtureKb } from "../helpers/bot-harness.ts";
import { startTestJobs } from "../helpers/test-jobs.ts";

describe("the retention job", () => {
  it("purges expired records from the SQLite file; memory and Redis have nothing to purge", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "switchboard-purge-"));
    const stores = createKeyvFactory({ kind: "file", file: path.join(dir, "state.sqlite") });
    try {
      const state = stores.namespace<string>("state");
      await state.set("web:short", "gone soon", 1);
      await state.set("web:long", "kept", 60_000);
      // Expiry is by the wall clock: wait until the short one's millisecond has passed.
      await vi.waitFor(async () => expect(await stores.purgeExpired()).toBe(1), {
        timeout: 5_000,
        interval: 5,
      });
      expect(await state.get("web:long")).toBe("kept");
      expect(await createKeyvFactory({ kind: "memory" }).purgeExpired()).toBe(0);
    } finally {
      await stores.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.skipIf(!hasFixtureKb)("runs with the other background jobs", async () => {
    const app = await createTestApp();
    let purges = 0;
    const jobs = startTestJobs(app, { intervalMs: 20, purgeExpired: async () => ++purges });
    try {
      await vi.waitFor(() => expect(jobs.health().jobs["retention-purge"]?.runs).toBeGreaterThan(0), {
        timeout: 10_000,
      });
      expect(purges).toBeGreaterThan(0);
    } finally {
      await jobs.stop();
      await app.close();
    }
  });
});
