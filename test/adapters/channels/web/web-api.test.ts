import { once } from "node:events";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { conversationIdOf } from "../../../../adapters/channels/web/web-session.ts";
import { type RunningBot, startBot } from "../../../../src/app/start-local.ts";
import { createSilentLogger } from "../../../../src/core/logger.ts";
import { testConfig } from "../../../helpers/bot-harness.ts";
import { conversationOf, openChatSocket, sessionToken } from "./web-client.ts";

const session = sessionToken("apitest");

describe("web chat JSON and WebSocket API", () => {
  let bot: RunningBot;
  const post = (body: unknown) =>
    fetch(`${bot.url}api/chat/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  const history = (token: string | undefined, query = "") =>
    fetch(`${bot.url}api/chat/history${query}`, {
      headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
    });

  beforeAll(async () => {
    bot = await startBot(testConfig({ PORT: "0", HOST: "127.0.0.1" }), { logger: createSilentLogger() });
  });
  afterAll(() => bot.stop());

  it("GET /healthz reports ok with the web channel up", async () => {
    const response = await fetch(`${bot.url}healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      status: "ok",
      channels: { web: { status: "up" } },
      store: "memory",
    });
  });

  it("POST /api/chat/messages answers, and the same id again is a duplicate with no reply", async () => {
    const first = await post({ session, type: "message", id: "m-1", text: "How do I reset my password?" });
    expect(first.status).toBe(200);
    const body = (await first.json()) as {
      replies: { text: string }[];
      duplicate: boolean;
      conversation: string;
    };
    expect(body.duplicate).toBe(false);
    expect(body.replies[0]?.text).toMatch(/password/i);
    const again = (await (
      await post({ session, type: "message", id: "m-1", text: "How do I reset my password?" })
    ).json()) as {
      duplicate: boolean;
      replies: unknown[];
    };
    expect(again).toMatchObject({ duplicate: true, replies: [] });
  });

  for (const [lang, text] of [
    ["en", "How do I reset my password?"],
    ["ko", "비밀번호를 잊어버렸어요"],
  ] as const) {
    it(`POST answers with the replies a WebSocket shows: the same fitted parts and server-rendered html (${lang})`, async () => {
      const token = sessionToken(`post-equals-socket-${lang}`);
      const { socket, frames } = await openChatSocket(bot.url, token);
      try {
        const response = await post({ session: token, type: "message", id: `pw-${lang}`, text });
        expect(response.status).toBe(200);
        const body = (await response.json()) as { replies: { text: string; html?: string }[] };
        expect(body.replies.length).toBeGreaterThan(0);
        await expect
          .poll(() => frames.filter((frame) => frame.type === "message").length)
          .toBe(body.replies.length);
        const shown = frames.filter((frame) => frame.type === "message").map((frame) => frame.message);
        expect(body.replies).toEqual(shown);
        for (const reply of body.replies) expect(reply.html).toEqual(expect.stringContaining("<"));
        expect(body.replies[0]?.text).toMatch(lang === "en" ? /password/i : /비밀번호/);
      } finally {
        socket.close();
      }
    });
  }

  it("names the conversation by an id derived from the token, never by the token itself", async () => {
    const response = await post({ session, type: "message", id: "m-2", text: "hello" });
    const { conversation } = (await response.json()) as { conversation: string };
    expect(conversation).toBe(conversationOf(session));
    expect(conversation).toMatch(/^web:[A-Za-z0-9_-]{22}$/);
    expect(conversation).not.toContain(session);
    expect(conversationIdOf(session)).toBe(conversationIdOf(session));
    expect(conversationIdOf(sessionToken("other"))).not.toBe(conversationIdOf(session));
  });

  it("rejects bad requests with a message saying what is wrong", async () => {
    const badSession = await post({ session: "apitest01", type: "message", id: "1", text: "hi" });
    expect(badSession.status).toBe(400);
    expect(((await badSession.json()) as { error: string }).error).toMatch(/random token of 22–128/);
    const notJson = await fetch(`${bot.url}api/chat/messages`, { method: "POST", body: "{" });
    expect(notJson.status).toBe(400);
    const noText = await post({ session, type: "message", id: "2" });
    expect(((await noText.json()) as { error: string }).error).toMatch(/text/);
  });

  it("GET /api/chat/history returns the conversation to the token's holder only", async () => {
    const response = await history(session);
    const { messages, before } = (await response.json()) as {
      messages: { from: string; text: string }[];
      before: string | null;
    };
    expect(messages[0]).toEqual({ from: "user", text: "How do I reset my password?" });
    expect(messages[1]?.from).toBe("bot");
    expect(before).toBeNull();

    expect((await history(undefined)).status).toBe(401);
    expect((await history("short")).status).toBe(401);
    // The conversation id is public: it opens nothing (it is just another, empty, session).
    const byId = await history(conversationIdOf(session));
    expect(((await byId.json()) as { messages: unknown[] }).messages).toEqual([]);
    // The token in the URL, as before, is no longer read.
    expect((await fetch(`${bot.url}api/chat/history?session=${session}`)).status).toBe(401);
  });

  it("pages the history: newest first page, then `before` cursors back to the start", async () => {
    const token = sessionToken("pages");
    for (let i = 1; i <= 5; i++)
      await post({ session: token, type: "message", id: `p-${i}`, text: `hello number ${i}` });
    const all = (await (await history(token, "?limit=200")).json()) as { messages: { text: string }[] };
    expect(all.messages.length).toBeGreaterThanOrEqual(10);

    const pages: string[][] = [];
    let cursor: string | null = null;
    do {
      const query: string = `?limit=3${cursor ? `&before=${cursor}` : ""}`;
      const page = (await (await history(token, query)).json()) as {
        messages: { text: string }[];
        before: string | null;
      };
      expect(page.messages.length).toBeLessThanOrEqual(3);
      pages.unshift(page.messages.map((message) => message.text));
      cursor = page.before;
    } while (cursor);
    expect(pages.flat()).toEqual(all.messages.map((message) => message.text));

    expect((await history(token, "?limit=0")).status).toBe(400);
    expect((await history(token, "?before=not-a-cursor")).status).toBe(400);
    const capped = (await (await history(token, "?limit=100000")).json()) as { messages: unknown[] };
    expect(capped.messages.length).toBe(all.messages.length);
  });

  it("talks over the WebSocket after hello, reports invalid frames, and pushes messages the bot sends later", async () => {
    const token = sessionToken("ws");
    const { socket, frames, conversation } = await openChatSocket(bot.url, token);
    expect(conversation).toBe(conversationOf(token));
    socket.send(JSON.stringify({ type: "message", id: "w-1", text: "비밀번호를 잊어버렸어요" }));
    socket.send("not json");
    await expect.poll(() => frames.length).toBeGreaterThanOrEqual(2);
    expect(frames.find((frame) => frame.type === "message")?.message?.text).toMatch(/비밀번호/);
    expect(frames.find((frame) => frame.type === "error")?.error).toMatch(/Message rejected/);

    await bot.app.channels.deliver(conversation, [{ text: "An agent has joined." }]);
    await expect
      .poll(() => frames.some((frame) => frame.message?.text === "An agent has joined."))
      .toBe(true);
    socket.close();
  });

  it("closes a WebSocket whose first frame is not a hello with a valid token (1008)", async () => {
    for (const first of [
      { type: "message", id: "x", text: "hi" },
      { type: "hello", session: "short" },
      { type: "hello" },
    ]) {
      const socket = new WebSocket(`${bot.url.replace("http", "ws")}api/chat/ws`);
      const messages: string[] = [];
      socket.on("message", (data) => messages.push(String(data)));
      await once(socket, "open");
      socket.send(JSON.stringify(first));
      const [code] = (await once(socket, "close")) as [number];
      expect(code, JSON.stringify(first)).toBe(1008);
      expect(messages.join()).toMatch(/Say hello first/);
    }
  });

  it("answers 404 to a WebSocket on another path, and the token in the URL is not read", async () => {
    const socket = new WebSocket(`${bot.url.replace("http", "ws")}api/chat/socket`);
    const [error] = (await once(socket, "error")) as [Error];
    expect(error.message).toMatch(/404/);
  });
});
