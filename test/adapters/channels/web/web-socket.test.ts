import { once } from "node:events";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { createWebAdapter } from "../../../../adapters/channels/web/web-adapter.ts";
import { MAX_MESSAGE_BYTES, MAX_TEXT_CHARS } from "../../../../adapters/channels/web/web-limits.ts";
import { httpHostOf } from "../../../../src/app/http-host.ts";
import { type RunningBot, startBot } from "../../../../src/app/start-local.ts";
import { createSilentLogger } from "../../../../src/core/logger.ts";
import { createHttpApp, websocketsOf } from "../../../../src/http/create-http-app.ts";
import { closeServer, listen } from "../../../../src/http/listen.ts";
import { createUpgradeDispatcher } from "../../../../src/http/upgrade-dispatcher.ts";
import { testConfig } from "../../../helpers/bot-harness.ts";
import { RawWebSocket, wsFrame } from "../../../helpers/raw-websocket.ts";
import { openChatSocket, sessionToken } from "./web-client.ts";

const TEXT = 0x1;

/** Frames that break RFC 6455, and the close code each must get. */
const VIOLATIONS: { name: string; frame: Buffer; code: number }[] = [
  // Only the header is sent: the length alone must be refused, before any payload is buffered.
  {
    name: "a frame over maxPayload",
    frame: wsFrame({ opcode: TEXT, claimedLength: MAX_MESSAGE_BYTES + 1 }).subarray(0, 14),
    code: 1009,
  },
  {
    name: "invalid UTF-8 in a text frame",
    frame: wsFrame({ opcode: TEXT, payload: Buffer.from([0xc3, 0x28, 0xff]) }),
    code: 1007,
  },
  {
    name: "RSV1 set without an extension",
    frame: wsFrame({ opcode: TEXT, payload: "{}", rsv: 0b100 }),
    code: 1002,
  },
  {
    name: "an unmasked client frame",
    frame: wsFrame({ opcode: TEXT, payload: "{}", mask: false }),
    code: 1002,
  },
  { name: "an unknown opcode", frame: wsFrame({ opcode: 0x3, payload: "x" }), code: 1002 },
  {
    name: "a fragmented control frame",
    frame: wsFrame({ opcode: 0x9, payload: "x", fin: false }),
    code: 1002,
  },
];

describe("chat WebSocket: protocol violations close one socket, nothing else", () => {
  let bot: RunningBot;
  let port: number;

  beforeAll(async () => {
    bot = await startBot(testConfig({ PORT: "0", HOST: "127.0.0.1" }), { logger: createSilentLogger() });
    port = bot.port;
  });
  afterAll(() => bot?.stop());

  it.each(VIOLATIONS)("$name: closed with $code, other clients carry on", async ({ frame, code }) => {
    const bystander = await openChatSocket(bot.url, sessionToken("bystander"));
    const raw = await RawWebSocket.open(port, "/api/chat/ws");
    raw.write(
      wsFrame({ opcode: TEXT, payload: JSON.stringify({ type: "hello", session: sessionToken("raw") }) }),
    );
    await expect.poll(() => raw.texts.length).toBe(1);
    raw.write(frame);
    const outcome = await raw.ended();
    expect(outcome.closeCode).toBe(code);

    bystander.socket.send(
      JSON.stringify({ type: "message", id: `after-${code}-${Math.random()}`, text: "hello" }),
    );
    await expect.poll(() => bystander.frames.some((reply) => reply.type === "message")).toBe(true);
    bystander.socket.close();
  });

  it("a violation before hello closes the socket too", async () => {
    const raw = await RawWebSocket.open(port, "/api/chat/ws");
    raw.write(wsFrame({ opcode: TEXT, payload: Buffer.from([0xff]) }));
    expect((await raw.ended()).closeCode).toBe(1007);
  });

  it("the POST body limit and the WebSocket maxPayload are the same number of bytes", async () => {
    // The longest text, every character escaped (6 bytes each): accepted by both transports.
    const longest = "\u0001".repeat(MAX_TEXT_CHARS);
    const token = sessionToken("limits");
    const body = JSON.stringify({ session: token, type: "message", id: "l-1", text: longest });
    expect(Buffer.byteLength(body)).toBeLessThanOrEqual(MAX_MESSAGE_BYTES);
    const posted = await fetch(`${bot.url}api/chat/messages`, { method: "POST", body });
    expect(posted.status).toBe(200);

    const chat = await openChatSocket(bot.url, token);
    const frame = JSON.stringify({ type: "message", id: "l-2", text: longest });
    chat.socket.send(frame);
    await expect.poll(() => chat.frames.some((reply) => reply.type === "message")).toBe(true);

    // One character more is a readable refusal on both, not a closed socket.
    const tooLong = JSON.stringify({ type: "message", id: "l-3", text: `${longest}x` });
    chat.socket.send(tooLong);
    await expect.poll(() => chat.frames.find((reply) => reply.type === "error")?.error).toMatch(/8,000/);
    const refused = await fetch(`${bot.url}api/chat/messages`, {
      method: "POST",
      body: JSON.stringify({ session: token, type: "message", id: "l-4", text: `${longest}x` }),
    });
    expect(refused.status).toBe(400);

    // One byte over the limit: 413 on POST, 1009 on the socket.
    const padded = (size: number) =>
      JSON.stringify({ type: "message", id: "l-5", text: "a" }).padEnd(size, " ");
    const over = await fetch(`${bot.url}api/chat/messages`, {
      method: "POST",
      body: padded(MAX_MESSAGE_BYTES + 1),
    });
    expect(over.status).toBe(413);
    chat.socket.send(padded(MAX_MESSAGE_BYTES + 1));
    const [code] = (await once(chat.socket, "close")) as [number];
    expect(code).toBe(1009);
  });

  it("closes a socket that never says hello (1008), after the hello timeout", async () => {
    const web = createWebAdapter({ logger: createSilentLogger(), helloTimeoutMs: 50 });
    const { server, port: own } = await listen(
      createHttpApp(httpHostOf(bot.app), [web.http]),
      0,
      "127.0.0.1",
      createUpgradeDispatcher({ endpoints: websocketsOf([web.http]) }),
    );
    try {
      const socket = new WebSocket(`ws://127.0.0.1:${own}/api/chat/ws`);
      const [code] = (await once(socket, "close")) as [number];
      expect(code).toBe(1008);
    } finally {
      await web.stop();
      await closeServer(server);
    }
  });
});
