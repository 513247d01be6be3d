import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../src/app/config.ts";
import { createTestApp, hasFixtureKb } from "../helpers/bot-harness.ts";
import { makeSeed, writeSeed } from "./insights-seed.ts";

const run = promisify(execFile);
const TSX = path.join(PROJECT_ROOT, "node_modules", ".bin", "tsx");

describe.skipIf(!hasFixtureKb)("npm run report -- --json and /api/insights: one computation", () => {
  let dir: string;
  let file: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "insights-report-"));
    file = path.join(dir, "tickets.db");
    const app = await createTestApp({ TICKETS_DB_FILE: file });
    await writeSeed(app.ticketDb, makeSeed(Date.now()));
    await app.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("prints the same insights as the service behind /insights, with the same filters", async () => {
    const { stdout } = await run(TSX, ["src/cli/report.ts", "--json", "--period", "30", "--language", "ko"], {
      cwd: PROJECT_ROOT,
      env: {
        ...process.env,
        STORE: "memory",
        KB_WATCH: "false",
        LOG_LEVEL: "silent",
        TICKETS_DB_FILE: file,
        KB_PATH: path.resolve(PROJECT_ROOT, "..", "shared", "fixtures", "promptmart-kb.yaml"),
      },
      timeout: 60_000,
    });
    const printed = JSON.parse(stdout) as { insights: Record<string, unknown> };
    const app = await createTestApp({ TICKETS_DB_FILE: file });
    const served = await app.insights.report({ period: "30", language: "ko" });
    await app.close();
    // The periods end at each call's "now"; everything else is the same computation.
    const { since: _a, until: _b, ...cli } = printed.insights;
    const { since: _c, until: _d, ...api } = served;
    expect(cli).toEqual(JSON.parse(JSON.stringify(api)));
    expect((cli.headline as { conversations: number }).conversations).toBeGreaterThan(10);
  }, 90_000);
});
