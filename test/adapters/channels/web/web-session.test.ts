import { readFileSync } from "node:fs";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_TEXT_CHARS } from "../../../../adapters/channels/web/web-limits.ts";
import { conversationIdOf } from "../../../../adapters/channels/web/web-session.ts";
import { type RunningBot, startBot } from "../../../../src/app/start-local.ts";
import { testConfig } from "../../../helpers/bot-harness.ts";
import { RawWebSocket, wsFrame } from "../../../helpers/raw-websocket.ts";
import { openChatSocket, sessionToken } from "./web-client.ts";

describe("web chat session token and conversation id", () => {
  let bot: RunningBot;
  const lines: string[] = [];
  const token = sessionToken("never-logged");

  beforeAll(async () => {
    // Everything the bot logs, at the most verbose level, into memory.
    const logger = pino({ level: "trace" }, { write: (line: string) => lines.push(line) });
    bot = await startBot(testConfig({ PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "trace" }), { logger });
  });
  afterAll(() => bot?.stop());

  it("the id is a stable, one-way function of the token: 22 base64url characters", () => {
    const id = conversationIdOf(token);
    expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(conversationIdOf(token)).toBe(id);
    expect(conversationIdOf(`${token}x`)).not.toBe(id);
    expect(token).not.toContain(id);
  });

  it("no log line carries the token, whatever the client does", async () => {
    const post = (body: unknown) =>
      fetch(`${bot.url}api/chat/messages`, { method: "POST", body: JSON.stringify(body) });
    await post({ session: token, type: "message", id: "t-1", text: "I want a person, /human" });
    await post({ session: token, type: "message", id: "t-2", text: "/human" });
    await post({ session: token, type: "action", id: "t-3", action: "no-such-action" });
    await post({ session: token, type: "message", id: "t-4", text: "x".repeat(MAX_TEXT_CHARS + 1) });
    await fetch(`${bot.url}api/chat/history?limit=2`, { headers: { authorization: `Bearer ${token}` } });
    await fetch(`${bot.url}api/chat/history?before=garbage`, {
      headers: { authorization: `Bearer ${token}` },
    });

    const chat = await openChatSocket(bot.url, token);
    chat.socket.send(JSON.stringify({ type: "message", id: "t-5", text: "hello again" }));
    chat.socket.send("{not json");
    await expect
      .poll(() => chat.frames.filter((frame) => frame.type === "message").length)
      .toBeGreaterThan(0);
    chat.socket.close();

    const raw = await RawWebSocket.open(bot.port, "/api/chat/ws");
    raw.write(wsFrame({ opcode: 1, payload: JSON.stringify({ type: "hello", session: token }) }));
    await expect.poll(() => raw.texts.length).toBe(1);
    raw.write(wsFrame({ opcode: 1, payload: Buffer.from([0xff]) }));
    await raw.ended();

    const conversation = `web:${conversationIdOf(token)}`;
    await expect.poll(() => lines.some((line) => line.includes(conversation))).toBe(true);
    expect(lines.length).toBeGreaterThan(3);
    expect(lines.filter((line) => line.includes(token))).toEqual([]);
    // Hand-off packets and the desk see the conversation id, not the token.
    expect(JSON.stringify(await bot.app.handoff.list())).not.toContain(token);
  });

  it("the page's textarea allows exactly the server's text limit", () => {
    const html = readFileSync(
      new URL("../../../../adapters/channels/web/public/index.html", import.meta.url),
      "utf8",
    );
    expect(html).toContain(`maxlength="${MAX_TEXT_CHARS}"`);
  });
});
