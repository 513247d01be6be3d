import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { Keyv } from "keyv";
import { afterEach, describe, expect, it } from "vitest";
import { createMemoryCoordinator } from "../../src/coordination/memory-coordinator.ts";
import { type Bot, createBot } from "../../src/core/bot.ts";
import { createChannelRegistry } from "../../src/core/channels.ts";
import type { Handler } from "../../src/core/composer.ts";
import type { TurnContext } from "../../src/core/context.ts";
import type { Coordinator } from "../../src/core/coordinator.ts";
import { createSilentLogger } from "../../src/core/logger.ts";
import type { ConversationState } from "../../src/core/state.ts";
import { EventError } from "../../src/model/errors.ts";
import { createKeyvTranscriptStore } from "../../src/store/keyv-transcript.ts";
import { createCaptureAdapter, createTestApp, sentOn, talk } from "../helpers/bot-harness.ts";
import { createScriptUnderstander } from "../helpers/script-understander.ts";

/** One feature taking every event `match` accepts (all by default). */
interface BareFeature {
  name: string;
  match?: (ctx: TurnContext) => boolean;
  handle: Handler;
}

/** A bare core with one feature, to test the pipeline itself. */
function createBareBot(flow: BareFeature, coordinator: Coordinator = createMemoryCoordinator()) {
  const logger = createSilentLogger();
  const channels = createChannelRegistry({ logger });
  const capture = createCaptureAdapter("test");
  channels.register(capture);
  const state = new Keyv<ConversationState>();
  const bot: Bot = createBot({
    features: [
      { name: flow.name, install: (composer) => composer.intercept(flow.match ?? (() => true), flow.handle) },
    ],
    understander: createScriptUnderstander(),
    state,
    transcript: createKeyvTranscriptStore(new Keyv()),
    coordinator,
    capabilitiesFor: channels.capabilitiesFor,
    deliver: channels.deliver,
    defaultLanguage: "en",
    logger,
  });
  return { bot, capture, state };
}

const message = (conversation: string, id: string, text: string) => ({
  type: "message" as const,
  id,
  conversation,
  user: { channel: "test", id: "u1" },
  text,
});

describe("core pipeline", () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  it("the same platform event delivered twice produces one reply", async () => {
    const { bot, capture } = createBareBot({
      name: "echo",
      match: () => true,
      handle: (ctx) => ctx.reply(ctx.text),
    });
    const first = await bot.handle(message("test:c1", "evt-1", "hello"));
    const second = await bot.handle(message("test:c1", "evt-1", "hello"));
    expect(first.duplicate).toBe(false);
    expect(second.duplicate).toBe(true);
    expect(capture.sent).toHaveLength(1);
  });

  it("runs a conversation's events in arrival order even when the first one's claim is slow", async () => {
    // A shared store can answer a claim late (Redis or SQLite under load): the order of arrival,
    // not the order the claims come back, decides the order of the turns.
    const memory = createMemoryCoordinator();
    const slowFirstClaim: Coordinator = {
      ...memory,
      claimOnce: async (key, ttlMs) => {
        if (key.endsWith(":evt-1")) await sleep(30);
        return memory.claimOnce(key, ttlMs);
      },
    };
    const seen: string[] = [];
    const { bot } = createBareBot(
      { name: "record", match: () => true, handle: (ctx) => void seen.push(ctx.text) },
      slowFirstClaim,
    );
    await Promise.all([
      bot.handle(message("test:order", "evt-1", "first")),
      bot.handle(message("test:order", "evt-2", "second")),
    ]);
    expect(seen).toEqual(["first", "second"]);
  });

  it("a turn whose lock was lost (a stalled holder) saves and sends nothing, and its redelivery is answered", async () => {
    let holding = false;
    const settled: string[] = [];
    const coordinator: Coordinator = {
      ...createMemoryCoordinator(),
      stillHolding: async () => holding,
      settleClaim: async (key) => {
        settled.push(key);
      },
    };
    const { bot, capture, state } = createBareBot(
      { name: "echo", match: () => true, handle: (ctx) => ctx.reply(ctx.text) },
      coordinator,
    );
    await expect(bot.handle(message("test:stalled", "evt-1", "hello"))).rejects.toThrow(/Lost the lock/);
    expect(capture.sent).toHaveLength(0);
    expect(await state.get("test:stalled")).toBeUndefined();
    expect(settled).toEqual([]);
    holding = true;
    const again = await bot.handle(message("test:stalled", "evt-1", "hello"));
    expect(again.duplicate).toBe(false);
    expect(capture.sent).toHaveLength(1);
    expect(settled).toHaveLength(1);
  });

  it("concurrent duplicate deliveries still produce one reply", async () => {
    const { bot, capture } = createBareBot({
      name: "echo",
      match: () => true,
      handle: (ctx) => ctx.reply(ctx.text),
    });
    const results = await Promise.all(
      Array.from({ length: 10 }, () => bot.handle(message("test:c1", "evt-x", "hi"))),
    );
    expect(results.filter((result) => !result.duplicate)).toHaveLength(1);
    expect(capture.sent).toHaveLength(1);
  });

  it("100 concurrent messages to one conversation run one at a time, in order", async () => {
    let running = 0;
    let maxRunning = 0;
    const seen: number[] = [];
    const { bot, state } = createBareBot({
      name: "ordered",
      match: () => true,
      async handle(ctx) {
        running++;
        maxRunning = Math.max(maxRunning, running);
        await sleep(Math.random() * 3);
        seen.push(Number(ctx.text));
        running--;
      },
    });
    await Promise.all(
      Array.from({ length: 100 }, (_, i) => bot.handle(message("test:one", `e${i}`, String(i)))),
    );
    expect(maxRunning).toBe(1);
    expect(seen).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect((await state.get("test:one"))?.turns).toBe(100);
  });

  it("messages to 100 different conversations run in parallel", async () => {
    let running = 0;
    let maxRunning = 0;
    const { bot } = createBareBot({
      name: "parallel",
      match: () => true,
      async handle() {
        running++;
        maxRunning = Math.max(maxRunning, running);
        await sleep(20);
        running--;
      },
    });
    await Promise.all(Array.from({ length: 100 }, (_, i) => bot.handle(message(`test:c${i}`, `e${i}`, "x"))));
    expect(maxRunning).toBeGreaterThanOrEqual(50);
  });

  it("rejects a malformed event with a clear error and processes nothing", async () => {
    const { bot, capture } = createBareBot({
      name: "echo",
      match: () => true,
      handle: (ctx) => ctx.reply("x"),
    });
    await expect(bot.handle({ ...message("nochannel", "e1", "hi") })).rejects.toThrow(EventError);
    await expect(bot.handle({ ...message("test:c", "", "hi") })).rejects.toThrow(/id/);
    expect(capture.sent).toHaveLength(0);
  });

  it("a flow that throws tells the customer to retry instead of crashing", async () => {
    const { bot, capture } = createBareBot({
      name: "broken",
      match: () => true,
      handle() {
        throw new Error("boom");
      },
    });
    const result = await bot.handle(message("test:c", "e1", "hi"));
    expect(result.replies[0]?.text).toMatch(/try again/);
    expect(capture.sent).toHaveLength(1);
  });

  it("a failed delivery releases the idempotency claim so the platform's retry is processed", async () => {
    const { bot, capture } = createBareBot({
      name: "echo",
      match: () => true,
      handle: (ctx) => ctx.reply("x"),
    });
    const send = capture.send;
    capture.send = async () => {
      throw new Error("network down");
    };
    await expect(bot.handle(message("test:c", "e1", "hi"))).rejects.toThrow("network down");
    capture.send = send;
    expect((await bot.handle(message("test:c", "e1", "hi"))).duplicate).toBe(false);
    expect(capture.sent).toHaveLength(1);
  });

  it("a `/command` typed as text becomes a command event", async () => {
    const { bot } = createBareBot({
      name: "cmd",
      match: (ctx) => ctx.event.type === "command" && ctx.event.command === "ticket",
      handle: (ctx) =>
        ctx.reply(`${ctx.event.type}:${ctx.event.type === "command" ? ctx.event.command : ""}:${ctx.text}`),
    });
    const result = await bot.handle(message("test:c", "e1", "/TICKET my app crashes"));
    expect(result.replies[0]?.text).toBe("command:ticket:my app crashes");
  });

  it("state survives a restart with the file backend", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "switchboard-state-"));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const overrides = { STORE: "file", DATA_DIR: dir };
    const first = await createTestApp(overrides);
    const chat = talk(first, "test:persist");
    await chat.send("/lang ko");
    await first.close();

    const second = await createTestApp(overrides);
    cleanups.push(() => second.close());
    const stored = await second.state.get("test:persist");
    expect(stored?.pinnedLanguage).toBe("ko");
    const reply = await second.bot.handle(message("test:persist", "after-restart", "/help"));
    expect(reply.replies[0]?.text).toContain("상담 도우미");
    expect(await second.transcript.list("test:persist")).toHaveLength(2);
    expect(sentOn(second)).toHaveLength(1);
  });
});

describe("proactive messages", () => {
  it("are delivered, recorded, and change state under the conversation's lock", async () => {
    const app = await createTestApp();
    const chat = talk(app, "test:proactive");
    await chat.send("/lang ko");
    const sent = await app.bot.proactive("test:proactive", "agent:alice", (ctx) => {
      ctx.state.slices.note = "agent joined";
      ctx.reply(`${ctx.language}: hello from a person`);
    });
    expect(sent).toEqual([{ text: "ko: hello from a person", language: "ko" }]);
    expect(sentOn(app).at(-1)?.message.text).toBe("ko: hello from a person");
    expect((await app.state.get("test:proactive"))?.slices.note).toBe("agent joined");
    const transcript = await app.transcript.list("test:proactive");
    expect(transcript.at(-1)).toMatchObject({ type: "system", userId: "agent:alice" });
    await app.close();
  });
});

describe("undeliverable conversations", () => {
  it("stop receiving proactive messages until the user writes again", async () => {
    const app = await createTestApp();
    const chat = talk(app, "test:blocked");
    await chat.send("/help");
    await app.bot.reportUndeliverable("test:blocked", "403: bot was blocked by the user");
    expect((await app.state.get("test:blocked"))?.unreachable?.reason).toMatch(/blocked/);
    const before = sentOn(app).length;
    expect(await app.bot.proactive("test:blocked", "ticket", (ctx) => ctx.reply("update"))).toEqual([]);
    expect(sentOn(app)).toHaveLength(before);
    await chat.send("/help");
    expect((await app.state.get("test:blocked"))?.unreachable).toBeUndefined();
    expect(await app.bot.proactive("test:blocked", "ticket", (ctx) => ctx.reply("update"))).toHaveLength(1);
    await app.close();
  });
});
