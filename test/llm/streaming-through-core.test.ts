import { PassThrough } from "node:stream";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createConsoleAdapter } from "../../adapters/channels/console/console-adapter.ts";
import type { App } from "../../src/app/create-app.ts";
import { createTestApp, hasFixtureKb, talk } from "../helpers/bot-harness.ts";
import { fullTrace } from "../helpers/trace.ts";
import { type FakeOpenAiServer, startFakeOpenAiServer } from "./helpers/fake-openai-server.ts";
import { answerJson, pieces } from "./helpers/harness.ts";
import {
  createEditingAdapter,
  type EditingAdapter,
  eitherWay,
  isGrowing,
  streamedAnswer,
} from "./helpers/streaming.ts";

const KB_EN =
  "Use **Forgot password** on the sign-in page. The reset link is valid for 1 hour; check your spam folder if it doesn't arrive.";
const KB_KO =
  "로그인 화면의 **비밀번호 찾기**를 이용하세요. 재설정 링크는 1시간 동안 유효하며, 메일이 오지 않으면 스팸함을 확인해 주세요.";
const PHRASED_EN = "Press **Forgot password** on the sign-in page and follow the link in the e-mail.";
const PHRASED_KO = "로그인 화면에서 **비밀번호 찾기**를 누르고 메일의 링크를 따라가세요.";

/** The FAQ flow's streamed answers through the real core, on a channel that edits and on the console. */
describe.skipIf(!hasFixtureKb)("streamed LLM answers through the core", () => {
  let server: FakeOpenAiServer;
  let app: App;
  let channel: EditingAdapter;
  beforeAll(async () => {
    server = await startFakeOpenAiServer();
  });
  afterAll(() => server.close());
  afterEach(async () => {
    server.reset();
    await app?.close();
  });

  async function start(extra: Record<string, string> = {}) {
    app = await createTestApp({
      OPENAI_API_KEY: "sk-local-test",
      OPENAI_BASE_URL: server.baseURL,
      LLM_TIMEOUT_MS: "1500",
      ...extra,
    });
    channel = createEditingAdapter("edit");
    app.channels.register(channel);
  }

  const kinds = () => channel.calls.map((call) => call.kind);

  it("shows the answer as it is written, then a final edit with the grounded answer and its buttons (English)", async () => {
    await start();
    server.enqueue(streamedAnswer(["password-reset"], PHRASED_EN));
    const chat = talk(app, "edit:en-1");
    const result = await chat.send("How do I reset my password?");

    expect(kinds()[0]).toBe("open");
    expect(kinds().at(-1)).toBe("finish");
    expect(kinds()).not.toContain("send");
    const streamed = channel.shown().slice(0, -1);
    expect(streamed[0]?.length).toBeGreaterThan(0);
    expect(streamed[0]?.length).toBeLessThan(PHRASED_EN.length);
    expect(isGrowing([...streamed, PHRASED_EN])).toBe(true);

    const final = channel.calls.at(-1);
    expect(final?.kind === "finish" && final.message).toMatchObject({
      text: PHRASED_EN,
      language: "en",
      buttons: [
        { kind: "action", label: "👍 Helpful", action: "faq.feedback", value: "password-reset:up" },
        { kind: "action", label: "👎 Not helpful", action: "faq.feedback", value: "password-reset:down" },
      ],
    });
    expect(result.trace).toMatchObject({ action: "answer", faqId: "password-reset" });
    expect(result.trace.llm).toEqual({ citedIds: ["password-reset"], tokens: 180, cached: false });
    expect(result.replies.map((reply) => reply.text)).toEqual([PHRASED_EN]);
    const transcript = await app.transcript.list(chat.conversation);
    expect(transcript.at(-1)?.replies.map((reply) => reply.text)).toEqual([PHRASED_EN]);
    expect(server.requests[0]?.body.stream).toBe(true);
  });

  it("streams a Korean answer in Korean", async () => {
    await start();
    server.enqueue(streamedAnswer(["password-reset"], PHRASED_KO, { size: 4 }));
    const result = await talk(app, "edit:ko-1").send("비밀번호를 잊어버렸어요");
    expect(channel.shown().at(-1)).toBe(PHRASED_KO);
    expect(isGrowing(channel.shown())).toBe(true);
    expect(result.replies).toMatchObject([{ text: PHRASED_KO, language: "ko" }]);
    expect(fullTrace(result.trace).llm?.citedIds).toEqual(["password-reset"]);
  });

  it("replaces a streamed answer citing an unknown entry with the KB answer verbatim (Korean)", async () => {
    await start();
    server.enqueue(streamedAnswer(["made-up-entry"], "모든 주문을 즉시 환불해 드립니다."));
    const chat = talk(app, "edit:ko-2");
    const result = await chat.send("비밀번호를 잊어버렸어요");
    expect(channel.shown()[0]).toMatch(/^모든/);
    const final = channel.calls.at(-1);
    expect(final?.kind === "finish" && final.message.text).toBe(KB_KO);
    expect(result.trace).toMatchObject({ action: "answer", faqId: "password-reset" });
    expect(fullTrace(result.trace).llm?.fallback).toBe("unknown_citation");
    const transcript = await app.transcript.list(chat.conversation);
    expect(transcript.at(-1)?.replies.map((reply) => reply.text)).toEqual([KB_KO]);
  });

  it("ends a stream that stalls past the deadline with the KB answer (English)", async () => {
    // A deadline a busy machine still meets for the first text; then the pieces come too slowly
    // (21 × 300 ms) to finish within 3 × 1,000 ms more.
    await start({ LLM_TIMEOUT_MS: "1000" });
    server.enqueue({
      kind: "stream",
      chunks: [answerJson(["password-reset"], "Press").slice(0, -2), ...pieces(" Forgot password now!", 1)],
      chunkDelayMs: 300,
    });
    const started = Date.now();
    const result = await talk(app, "edit:en-2").send("How do I reset my password?");
    expect(Date.now() - started).toBeLessThan(1000 * 4 + 2_000);
    expect(channel.shown()[0]).toBe("Press");
    expect(channel.shown().at(-1)).toBe(KB_EN);
    expect(fullTrace(result.trace).llm?.fallback).toBe("timeout");
    expect(result.replies.map((reply) => reply.text)).toEqual([KB_EN]);
  });

  it("a duplicate delivery of the question streams nothing more", async () => {
    await start();
    server.enqueue(streamedAnswer(["password-reset"], PHRASED_EN));
    const question = {
      type: "message" as const,
      id: "dup-1",
      conversation: "edit:dup",
      user: { channel: "edit", id: "u1" },
      text: "How do I reset my password?",
    };
    await app.bot.handle(question);
    const calls = channel.calls.length;
    const again = await app.bot.handle(question);
    expect(again).toMatchObject({ duplicate: true, replies: [] });
    expect(channel.calls.length).toBe(calls);
    expect(server.requests).toHaveLength(1);
  });

  it("the console, which cannot edit, gets the answer once, complete", async () => {
    await start();
    server.setDefault(
      eitherWay(["password-reset"], PHRASED_EN, streamedAnswer(["password-reset"], PHRASED_EN)),
    );
    const input = new PassThrough();
    const output = new PassThrough();
    let printed = "";
    output.on("data", (chunk: Buffer) => {
      printed += chunk.toString("utf8");
    });
    const results: unknown[] = [];
    const terminal = createConsoleAdapter({ input, output, session: "stream", user: "u1" });
    app.channels.register(terminal);
    await terminal.start({
      handle: async (event) => {
        const result = await app.bot.handle(event);
        results.push(result);
        return result;
      },
      reportUndeliverable: (conversation, reason) => app.bot.reportUndeliverable(conversation, reason),
    });
    input.write("How do I reset my password?\n");
    await expect.poll(() => results.length, { timeout: 10_000 }).toBe(1);
    const messages = printed.split(/^bot> /m).filter((block) => block.trim() !== "");
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain("Press Forgot password on the sign-in page");
    expect(server.requests.map((request) => request.body.stream ?? false)).toEqual([false]);
    input.end();
    await terminal.stop();
  });
});
