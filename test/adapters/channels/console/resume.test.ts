import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import { describe, expect, it, vi } from "vitest";
import { createConsoleAdapter } from "../../../../adapters/channels/console/console-adapter.ts";
import { createTestApp } from "../../../helpers/bot-harness.ts";
import { scriptedUnderstander } from "../../../helpers/scripted-understander.ts";

describe("console chat", () => {
  it("a resumed session (`--session me`) is answered after a restart with the file store", async () => {
    // The file store keeps event ids for a day: the second run's first line must not carry the id
    // of the first run's first line, or it is dropped as a duplicate.
    const dir = mkdtempSync(path.join(tmpdir(), "switchboard-console-"));
    try {
      for (const run of [1, 2]) {
        const app = await createTestApp(
          { STORE: "file", DATA_DIR: dir, TICKETS_DB_FILE: path.join(dir, "tickets.sqlite") },
          { understander: scriptedUnderstander([]) },
        );
        const input = new PassThrough();
        const output = new PassThrough();
        let printed = "";
        output.on("data", (chunk: Buffer) => {
          printed += chunk.toString();
        });
        const adapter = createConsoleAdapter({ input, output, session: "me" });
        app.channels.register(adapter);
        try {
          await adapter.start(app.bot);
          input.write("/help\n");
          await vi.waitFor(() => expect(printed, `run ${run}`).toMatch(/^bot> /m), { timeout: 10_000 });
        } finally {
          await app.close();
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
