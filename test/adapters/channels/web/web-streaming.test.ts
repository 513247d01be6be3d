import { once } from "node:events";
import type { Server } from "node:http";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type WebSocket from "ws";
import { createWebAdapter, type WebAdapter } from "../../../../adapters/channels/web/web-adapter.ts";
import { type App, createApp } from "../../../../src/app/create-app.ts";
import { httpHostOf } from "../../../../src/app/http-host.ts";
import { createSilentLogger } from "../../../../src/core/logger.ts";
import { createHttpApp, websocketsOf } from "../../../../src/http/create-http-app.ts";
import { closeServer, listen } from "../../../../src/http/listen.ts";
import { createUpgradeDispatcher } from "../../../../src/http/upgrade-dispatcher.ts";
import type { OutboundMessage } from "../../../../src/model/outbound.ts";
import { hasFixtureKb, testConfig } from "../../../helpers/bot-harness.ts";
import { createScriptUnderstander } from "../../../helpers/script-understander.ts";
import { fullTrace } from "../../../helpers/trace.ts";
import { type FakeOpenAiServer, startFakeOpenAiServer } from "../../../llm/helpers/fake-openai-server.ts";
import { isGrowing, streamedAnswer } from "../../../llm/helpers/streaming.ts";
import { type TurnTracker, trackTurns } from "../../contract/contract-helpers.ts";
import { openChatSocket, sessionToken } from "./web-client.ts";

interface Frame {
  type: string;
  id?: string;
  message?: OutboundMessage;
  final?: boolean;
}

const PHRASED = {
  en: "Press **Forgot password** on the sign-in page and follow the link in the e-mail.",
  ko: "로그인 화면에서 **비밀번호 찾기**를 누르고 메일의 링크를 따라가세요.",
};
const QUESTION = { en: "How do I reset my password?", ko: "비밀번호를 잊어버렸어요" };
const KB_KO =
  "로그인 화면의 **비밀번호 찾기**를 이용하세요. 재설정 링크는 1시간 동안 유효하며, 메일이 오지 않으면 스팸함을 확인해 주세요.";

/** The web chat over a real WebSocket, the core's LLM pointed at the local OpenAI-compatible server. */
describe.skipIf(!hasFixtureKb)("web chat: streamed answers", () => {
  let llm: FakeOpenAiServer;
  let app: App;
  let adapter: WebAdapter;
  let server: Server;
  let base: string;
  let tracker: TurnTracker;
  let socket: WebSocket;
  const frames: Frame[] = [];
  let sequence = 0;

  beforeAll(async () => {
    llm = await startFakeOpenAiServer();
    app = await createApp({
      // No answer cache: every question here reaches the model.
      config: testConfig({
        OPENAI_API_KEY: "sk-local-test",
        OPENAI_BASE_URL: llm.baseURL,
        LLM_CACHE_TTL_HOURS: "0",
      }),
      logger: createSilentLogger(),
      understander: createScriptUnderstander(),
    });
    adapter = createWebAdapter({
      logger: createSilentLogger(),
      transcript: app.transcript,
      streamIntervalMs: 20,
    });
    app.channels.register(adapter);
    const listening = await listen(
      createHttpApp(httpHostOf(app), [adapter.http]),
      0,
      "127.0.0.1",
      createUpgradeDispatcher({ endpoints: websocketsOf([adapter.http]) }),
    );
    server = listening.server;
    base = `127.0.0.1:${listening.port}`;
    tracker = trackTurns(app.bot);
    await adapter.start(tracker.port);
    socket = (await openChatSocket(`http://${base}/`, sessionToken("stream"))).socket;
    socket.on("message", (data) => frames.push(JSON.parse(String(data)) as Frame));
  });

  afterAll(async () => {
    socket?.close();
    if (socket) await once(socket, "close");
    await adapter?.stop();
    if (server) await closeServer(server);
    await app?.close();
    await llm?.close();
  });

  beforeEach(() => llm.reset());

  /** Sends a frame and resolves with the frames the bot sent for it, once the turn is over. */
  async function exchange(frame: Record<string, unknown>): Promise<Frame[]> {
    const from = frames.length;
    const done = tracker.expectTurn(JSON.stringify(frame));
    socket.send(JSON.stringify(frame));
    await done();
    // Frames sent before the pong arrive before it: TCP keeps them in order.
    const pong = once(socket, "pong");
    socket.ping();
    await pong;
    return frames.slice(from);
  }

  const say = (text: string, id = `s-${++sequence}`) => exchange({ type: "message", id, text });

  it.each(["en", "ko"] as const)(
    "shows the answer growing in one bubble, then the grounded answer (%s)",
    async (lang) => {
      llm.enqueue(streamedAnswer(["password-reset"], PHRASED[lang], { size: 5, chunkDelayMs: 15 }));
      const sent = await say(QUESTION[lang]);

      const [first, ...edits] = sent;
      expect(first?.type).toBe("message");
      expect(edits.length).toBeGreaterThan(0);
      expect(edits.every((frame) => frame.type === "edit" && frame.id === first?.id)).toBe(true);
      const texts = sent.map((frame) => frame.message?.text ?? "");
      expect(texts[0]?.length).toBeLessThan(PHRASED[lang].length);
      expect(isGrowing(texts)).toBe(true);
      const final = sent.at(-1);
      expect(final?.final).toBe(true);
      expect(final?.message).toMatchObject({ text: PHRASED[lang], language: lang });
      expect(final?.message?.buttons?.map((button) => button.kind === "action" && button.value)).toEqual([
        "password-reset:up",
        "password-reset:down",
      ]);
      expect(fullTrace(tracker.results.at(-1)?.trace ?? {}).llm?.citedIds).toEqual(["password-reset"]);
    },
  );

  it("replaces an answer citing an unknown entry with the KB answer verbatim in the final edit (Korean)", async () => {
    llm.enqueue(streamedAnswer(["made-up-entry"], "모든 주문을 즉시 환불해 드립니다.", { size: 5 }));
    const sent = await say(QUESTION.ko);
    expect(sent[0]?.message?.text).toMatch(/^모든/);
    expect(sent.at(-1)).toMatchObject({
      type: "edit",
      id: sent[0]?.id,
      final: true,
      message: { text: KB_KO },
    });
    expect(fullTrace(tracker.results.at(-1)?.trace ?? {}).llm?.fallback).toBe("unknown_citation");
  });

  it("the same frame id again streams nothing and calls no model", async () => {
    llm.enqueue(streamedAnswer(["password-reset"], PHRASED.en));
    expect((await say(QUESTION.en, "dup-1")).length).toBeGreaterThan(1);
    expect(await say(QUESTION.en, "dup-1")).toEqual([]);
    expect(llm.requests).toHaveLength(1);
    expect(tracker.results.at(-1)?.duplicate).toBe(true);
  });

  it("keeps only the final text in the history, and the POST API answers with the final reply", async () => {
    const history = async (session: string) => {
      const response = await fetch(`http://${base}/api/chat/history`, {
        headers: { authorization: `Bearer ${session}` },
      });
      return ((await response.json()) as { messages: { from: string; text: string }[] }).messages;
    };
    expect(
      (await history(sessionToken("stream"))).filter((message) => message.from === "bot").map((m) => m.text),
    ).toEqual([PHRASED.en, PHRASED.ko, KB_KO, PHRASED.en]);

    llm.enqueue(streamedAnswer(["password-reset"], PHRASED.en));
    const response = await fetch(`http://${base}/api/chat/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ session: sessionToken("post"), type: "message", id: "p-1", text: QUESTION.en }),
    });
    const body = (await response.json()) as { replies: OutboundMessage[] };
    expect(body.replies.map((reply) => reply.text)).toEqual([PHRASED.en]);
    expect((await history(sessionToken("post"))).map((message) => message.text)).toEqual([
      QUESTION.en,
      PHRASED.en,
    ]);
  });
});
