import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { App } from "../../src/app/create-app.ts";
import { idempotencyKey } from "../../src/core/bot.ts";
import { createCaptureAdapter, createTestApp, sentOn } from "../helpers/bot-harness.ts";
import { scriptedUnderstander } from "../helpers/scripted-understander.ts";

const understander = scriptedUnderstander([]);

const message = (conversation: string, id: string, text = "/help") => ({
  type: "message" as const,
  id,
  conversation,
  user: { channel: conversation.split(":")[0] ?? "test", id: "u1" },
  text,
});

describe("idempotency", () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  async function open(overrides: Record<string, string> = {}): Promise<App> {
    const app = await createTestApp(overrides, { understander });
    cleanups.push(() => app.close());
    return app;
  }

  it("drops redeliveries of acknowledged events after a restart with the file store (25/25)", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "switchboard-idempotency-"));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const overrides = { STORE: "file", DATA_DIR: dir, TICKETS_DB_FILE: path.join(dir, "tickets.sqlite") };
    const events = Array.from({ length: 25 }, (_, i) => message(`test:restart-${i % 5}`, `update-${i}`));

    const first = await createTestApp(overrides, { understander });
    const before = [];
    for (const event of events) before.push(await first.bot.handle(event));
    expect(before.filter((result) => !result.duplicate)).toHaveLength(25);
    expect(sentOn(first)).toHaveLength(25);
    await first.close();

    const second = await open(overrides);
    const after = [];
    for (const event of events) after.push(await second.bot.handle(event));
    expect(after.filter((result) => result.duplicate)).toHaveLength(25);
    expect(sentOn(second)).toHaveLength(0);
    expect(await second.transcript.list("test:restart-0")).toHaveLength(5);
  });

  it("processes two web sessions that reuse one message id (the browser picks ids)", async () => {
    const app = await open();
    app.channels.register(createCaptureAdapter("web"));
    const a = await app.bot.handle(message("web:session-a", "1"));
    const b = await app.bot.handle(message("web:session-b", "1"));
    expect([a.duplicate, b.duplicate]).toEqual([false, false]);
    expect(sentOn(app, "web").map((sent) => sent.address.conversation)).toEqual(["session-a", "session-b"]);
    expect((await app.bot.handle(message("web:session-a", "1"))).duplicate).toBe(true);
  });

  it("never confuses two (conversation, id) pairs that read alike", async () => {
    expect(idempotencyKey({ conversation: "test:a", id: "b:c" })).not.toBe(
      idempotencyKey({ conversation: "test:a:b", id: "c" }),
    );
    const app = await open();
    expect((await app.bot.handle(message("test:a", "b:c"))).duplicate).toBe(false);
    expect((await app.bot.handle(message("test:a:b", "c"))).duplicate).toBe(false);
  });
});
