import { Keyv } from "keyv";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createMemoryCoordinator } from "../../src/coordination/memory-coordinator.ts";
import { createThrottledStream } from "../../src/core/adapter.ts";
import { createBot } from "../../src/core/bot.ts";
import { createChannelRegistry } from "../../src/core/channels.ts";
import type { Handler } from "../../src/core/composer.ts";
import type { TurnContext } from "../../src/core/context.ts";
import { createSilentLogger } from "../../src/core/logger.ts";
import type { ConversationState } from "../../src/core/state.ts";
import type { TranscriptStore } from "../../src/core/transcript.ts";
import type { OutboundMessage } from "../../src/model/outbound.ts";
import { createKeyvTranscriptStore } from "../../src/store/keyv-transcript.ts";
import { createCaptureAdapter } from "../helpers/bot-harness.ts";
import { createScriptUnderstander } from "../helpers/script-understander.ts";
import { createEditingAdapter } from "./helpers/streaming.ts";

async function* deltas(...texts: string[]): AsyncGenerator<string> {
  for (const text of texts) yield text;
}

async function* failing(...texts: string[]): AsyncGenerator<string> {
  yield* deltas(...texts);
  throw new Error("upstream went away");
}

/** A bare core with one flow, an editing channel (`edit`) and one that cannot edit (`test`). */
function createBareBot(
  handle: Handler,
  /** Run after the feature, as wrappers do. */
  afterFlow: ((ctx: TurnContext) => void)[] = [],
  transcript: TranscriptStore = createKeyvTranscriptStore(new Keyv()),
) {
  const logger = createSilentLogger();
  const channels = createChannelRegistry({ logger });
  const editing = createEditingAdapter("edit", { maxMessageLength: 100 });
  const plain = createCaptureAdapter("test");
  channels.register(editing);
  channels.register(plain);
  const bot = createBot({
    features: [
      {
        name: "stream",
        install(composer) {
          for (const after of afterFlow) composer.after(after);
          composer.intercept(() => true, handle);
        },
      },
    ],
    understander: createScriptUnderstander(),
    state: new Keyv<ConversationState>(),
    transcript,
    coordinator: createMemoryCoordinator(),
    capabilitiesFor: channels.capabilitiesFor,
    deliver: channels.deliver,
    streams: channels.streams,
    defaultLanguage: "en",
    logger,
  });
  let seq = 0;
  const send = (conversation: string) =>
    bot.handle({
      type: "message",
      id: `e${++seq}`,
      conversation,
      user: { channel: conversation.split(":")[0] ?? "", id: "u1" },
      text: "hello there",
    });
  return { bot, editing, plain, transcript, send };
}

describe("ctx.replyStream", () => {
  it("sends what the flow said before, streams, and records only the final message", async () => {
    const { editing, transcript, send } = createBareBot(async (ctx) => {
      expect(ctx.canStream).toBe(true);
      ctx.reply("Let me check…");
      await ctx.replyStream(deltas("Hel", "lo", " world"), ({ text }) => ({
        text: `${text}!`,
        buttons: [{ kind: "action", label: "OK", action: "ok" }],
      }));
    });
    const result = await send("edit:a");
    expect(editing.calls).toEqual([
      { kind: "send", message: { text: "Let me check…", language: "en" } },
      { kind: "open", text: "Hel" },
      { kind: "update", text: "Hello" },
      { kind: "update", text: "Hello world" },
      {
        kind: "finish",
        message: {
          text: "Hello world!",
          language: "en",
          buttons: [{ kind: "action", label: "OK", action: "ok" }],
        },
      },
    ]);
    expect(result.replies.map((reply) => reply.text)).toEqual(["Let me check…", "Hello world!"]);
    expect((await transcript.list("edit:a"))[0]?.replies.map((reply) => reply.text)).toEqual([
      "Let me check…",
      "Hello world!",
    ]);
  });

  it("tells finalize that the source failed; its message is the final edit", async () => {
    let seen: unknown;
    const { editing, send } = createBareBot(async (ctx) => {
      await ctx.replyStream(failing("Partial"), ({ text, error }) => {
        seen = { text, error: (error as Error).message };
        return "The offline answer.";
      });
    });
    await send("edit:b");
    expect(seen).toEqual({ text: "Partial", error: "upstream went away" });
    expect(editing.shown()).toEqual(["Partial", "The offline answer."]);
    expect(editing.calls.at(-1)?.kind).toBe("finish");
  });

  it("ends the streamed message with the error text when finalize throws", async () => {
    const { editing, send } = createBareBot(async (ctx) => {
      await ctx.replyStream(deltas("Half an ans"), () => {
        throw new Error("bug");
      });
    });
    const result = await send("edit:c");
    const error = "Sorry, something went wrong on our side. Please try again in a moment.";
    expect(editing.calls).toEqual([
      { kind: "open", text: "Half an ans" },
      { kind: "finish", message: { text: error, language: "en" } },
    ]);
    expect(result.replies.map((reply) => reply.text)).toEqual([error]);
  });

  it("ends a streamed reply with the error text when the turn cannot be recorded", async () => {
    const broken: TranscriptStore = {
      append: async () => {
        throw new Error("store down");
      },
      list: async () => [],
      erase: async () => undefined,
    };
    const { editing, send } = createBareBot(
      async (ctx) => {
        await ctx.replyStream(deltas("Half"), ({ text }) => `${text} and half`);
      },
      [],
      broken,
    );
    await expect(send("edit:h")).rejects.toThrow(/store down/);
    expect(editing.shown()).toEqual([
      "Half",
      "Sorry, something went wrong on our side. Please try again in a moment.",
    ]);
  });

  it("puts after-flow changes (an empathy line) into the final edit", async () => {
    const { editing, send } = createBareBot(
      async (ctx) => {
        await ctx.replyStream(deltas("Answer"), ({ text }) => text);
      },
      [
        (ctx) => {
          const first = ctx.replies[0] as OutboundMessage;
          first.text = `I'm sorry.\n\n${first.text}`;
        },
      ],
    );
    await send("edit:d");
    expect(editing.shown()).toEqual(["Answer", "I'm sorry.\n\nAnswer"]);
  });

  it("splits a final message too long for one: the streamed message holds the first part", async () => {
    const long = `${"word ".repeat(25).trim()}\n\n${"more ".repeat(8).trim()}`;
    const { editing, send } = createBareBot(async (ctx) => {
      await ctx.replyStream(deltas("word word"), () => ({
        text: long,
        buttons: [{ kind: "action", label: "OK", action: "ok" }],
      }));
    });
    await send("edit:e");
    expect(editing.calls.map((call) => call.kind)).toEqual(["open", "finish", "send"]);
    const [, finish, rest] = editing.calls;
    expect(finish?.kind === "finish" && finish.message).toEqual({
      text: "word ".repeat(20).trim(),
      language: "en",
    });
    expect(rest?.kind === "send" && rest.message.buttons).toEqual([
      { kind: "action", label: "OK", action: "ok" },
    ]);
  });

  it("on a channel that cannot edit, sends the final message once", async () => {
    const { plain, send } = createBareBot(async (ctx) => {
      expect(ctx.canStream).toBe(false);
      await ctx.replyStream(deltas("a", "b"), ({ text }) => `${text}c`);
    });
    const result = await send("test:f");
    expect(plain.sent.map((sent) => sent.message.text)).toEqual(["abc"]);
    expect(result.replies.map((reply) => reply.text)).toEqual(["abc"]);
  });

  it("sends the final message normally when the channel refuses to open a stream", async () => {
    const { editing, send } = createBareBot(async (ctx) => {
      await ctx.replyStream(deltas("a", "b"), ({ text }) => `${text}c`);
    });
    editing.openStream = async () => {
      throw new Error("no");
    };
    await send("edit:g");
    expect(editing.calls).toEqual([{ kind: "send", message: { text: "abc", language: "en" } }]);
  });
});

describe("createThrottledStream", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("edits at most once per interval with the latest text, skips unchanged text, then finishes", async () => {
    vi.useFakeTimers();
    const edits: string[] = [];
    const finals: string[] = [];
    const stream = createThrottledStream({
      shown: "a",
      intervalMs: 700,
      edit: async (text) => {
        edits.push(text);
      },
      finish: async (final) => {
        finals.push(final.text);
      },
      onError: () => undefined,
    });
    await stream.update("ab");
    await stream.update("abc");
    await vi.advanceTimersByTimeAsync(699);
    expect(edits).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(edits).toEqual(["abc"]);
    await stream.update("abc");
    await stream.update("abcd");
    await vi.advanceTimersByTimeAsync(300);
    expect(edits).toEqual(["abc"]);
    const finishing = stream.finish({ text: "done" });
    await stream.update("ignored after finish");
    await vi.advanceTimersByTimeAsync(1_400);
    await finishing;
    // The final edit supersedes the edit still waiting for its turn.
    expect(edits).toEqual(["abc"]);
    expect(finals).toEqual(["done"]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("keeps streaming when an intermediate edit fails", async () => {
    const errors: unknown[] = [];
    const finals: string[] = [];
    const stream = createThrottledStream({
      shown: "",
      intervalMs: 0,
      edit: async () => {
        throw new Error("429");
      },
      finish: async (final) => {
        finals.push(final.text);
      },
      onError: (error) => errors.push(error),
    });
    await stream.update("x");
    await new Promise((resolve) => setTimeout(resolve, 10));
    await stream.finish({ text: "final" });
    expect(errors).toHaveLength(1);
    expect(finals).toEqual(["final"]);
  });
});
