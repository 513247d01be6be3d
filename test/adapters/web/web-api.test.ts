import { once } from "node:events";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { type RunningBot, startBot } from "../../../src/app/start-local.ts";
import { createSilentLogger } from "../../../src/core/logger.ts";
import { testConfig } from "../../helpers/bot-harness.ts";

const session = "apitest01";

describe("web chat JSON and WebSocket API", () => {
  let bot: RunningBot;
  const post = (body: unknown) =>
    fetch(`${bot.url}api/chat/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
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
    const body = (await first.json()) as { replies: { text: string }[]; duplicate: boolean };
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

  it("rejects bad requests with a message saying what is wrong", async () => {
    const badSession = await post({ session: "x", type: "message", id: "1", text: "hi" });
    expect(badSession.status).toBe(400);
    expect(((await badSession.json()) as { error: string }).error).toMatch(/session must be 8–64/);
    const notJson = await fetch(`${bot.url}api/chat/messages`, { method: "POST", body: "{" });
    expect(notJson.status).toBe(400);
    const noText = await post({ session, type: "message", id: "2" });
    expect(((await noText.json()) as { error: string }).error).toMatch(/text/);
  });

  it("GET /api/chat/history returns the conversation so far", async () => {
    const response = await fetch(`${bot.url}api/chat/history?session=${session}`);
    const { messages } = (await response.json()) as { messages: { from: string; text: string }[] };
    expect(messages[0]).toEqual({ from: "user", text: "How do I reset my password?" });
    expect(messages[1]?.from).toBe("bot");
  });

  it("talks over the WebSocket, reports invalid frames, and pushes messages the bot sends later", async () => {
    const socket = new WebSocket(`${bot.url.replace("http", "ws")}api/chat/ws?session=wstest0001`);
    const frames: { type: string; message?: { text: string }; error?: string }[] = [];
    socket.on("message", (data) => frames.push(JSON.parse(String(data))));
    await once(socket, "open");
    socket.send(JSON.stringify({ type: "message", id: "w-1", text: "비밀번호를 잊어버렸어요" }));
    socket.send("not json");
    await expect.poll(() => frames.length).toBeGreaterThanOrEqual(3);
    expect(frames[0]?.type).toBe("ready");
    expect(frames.find((frame) => frame.type === "message")?.message?.text).toMatch(/비밀번호/);
    expect(frames.find((frame) => frame.type === "error")?.error).toMatch(/Message rejected/);

    await bot.app.channels.deliver("web:wstest0001", [{ text: "An agent has joined." }]);
    await expect
      .poll(() => frames.some((frame) => frame.message?.text === "An agent has joined."))
      .toBe(true);
    socket.close();
  });

  it("refuses a WebSocket without a valid session", async () => {
    const socket = new WebSocket(`${bot.url.replace("http", "ws")}api/chat/ws?session=no`);
    const [error] = (await once(socket, "error")) as [Error];
    expect(error.message).toMatch(/400/);
  });
});
