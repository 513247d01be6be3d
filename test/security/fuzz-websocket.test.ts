import { randomBytes } from "node:crypto";
import { once } from "node:events";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { MAX_MESSAGE_BYTES } from "../../adapters/channels/web/web-limits.ts";
import { type RunningBot, startBot } from "../../src/app/start-local.ts";
import { createSilentLogger } from "../../src/core/logger.ts";
import { openChatSocket, sessionToken } from "../adapters/channels/web/web-client.ts";
import { testConfig } from "../helpers/bot-harness.ts";
import { RawWebSocket, wsFrame } from "../helpers/raw-websocket.ts";
import {
  cases,
  expectClean,
  guardProcess,
  HANG_MS,
  headerValue,
  inPool,
  sendRaw,
  wildText,
} from "./fuzz-harness.ts";

const CHAT = "/api/chat/ws";
const DESK = "/api/desk/ws";
const TOKENS = ["a", "b"].map((label) => sessionToken(`fuzz-ws-${label}`));

/** A frame's payload: JSON shapes the chat knows, wild JSON, raw bytes, or sizes around the limit. */
const payload = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .record(
        {
          type: fc.oneof(fc.constantFrom("message", "action", "hello"), wildText(8)),
          id: fc.oneof(fc.uuid(), wildText(20)),
          text: wildText(200),
          action: wildText(20),
          value: wildText(40),
          session: fc.oneof(fc.constantFrom(...TOKENS), wildText(30)),
        },
        { requiredKeys: [] },
      )
      .map((frame) => JSON.stringify(frame)),
  },
  { weight: 2, arbitrary: fc.jsonValue().map((value) => JSON.stringify(value) ?? "null") },
  { weight: 1, arbitrary: wildText(100) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 256 }).map((bytes) => Buffer.from(bytes)) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(MAX_MESSAGE_BYTES - 1, MAX_MESSAGE_BYTES + 1).map((size) => "x".repeat(size)),
  },
);

/** Any frame at all: every opcode, reserved bits, masking, fragmentation, lengths beyond the limits. */
const rawFrame = fc
  .record({
    opcode: fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(0x0, 0x1, 0x2, 0x8, 0x9, 0xa) },
      { weight: 1, arbitrary: fc.integer({ min: 0, max: 15 }) },
    ),
    fin: fc.boolean(),
    rsv: fc.oneof(
      { weight: 4, arbitrary: fc.constant(0) },
      { weight: 1, arbitrary: fc.integer({ min: 1, max: 7 }) },
    ),
    mask: fc.oneof({ weight: 5, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
    payload: fc.oneof(
      fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)),
      wildText(60).map((text) => Buffer.from(text)),
      fc.constantFrom(
        Buffer.from([0xc3, 0x28]),
        Buffer.from([0xed, 0xa0, 0x80]),
        Buffer.from([0x03, 0xe8]),
        Buffer.from([0x00, 0x00]),
      ),
    ),
    // Only lengths the server refuses from the header alone: a frame that claims fewer bytes than
    // it has would leave the server rightly waiting for the rest.
    oversized: fc.oneof(
      { weight: 8, arbitrary: fc.constant(undefined) },
      { weight: 1, arbitrary: fc.constantFrom(MAX_MESSAGE_BYTES + 1, 2 ** 32, 2 ** 40) },
    ),
  })
  .map(({ oversized, ...frame }) =>
    oversized === undefined
      ? wsFrame(frame)
      : wsFrame({ ...frame, claimedLength: oversized }).subarray(0, frame.mask ? 14 : 10),
  );

const upgradeRequest = fc
  .record({
    path: fc.oneof(
      fc.constantFrom(
        CHAT,
        DESK,
        `${CHAT}?session=${TOKENS[0]}`,
        `${DESK}?token=x`,
        "/",
        "/api/chat/messages",
        "/desk",
      ),
      fc.webPath(),
      wildText(30).map((text) => `/${encodeURI(text.replace(/[\uD800-\uDFFF]/g, "?"))}`),
    ),
    method: fc.constantFrom("GET", "GET", "GET", "POST", "PUT"),
    upgrade: fc.constantFrom("websocket", "WebSocket", "h2c", "", "websocket, foo"),
    version: fc.constantFrom("13", "8", "", "x"),
    key: fc.oneof(fc.constant(randomBytes(16).toString("base64")), headerValue),
    extra: fc.dictionary(
      fc.constantFrom(
        "origin",
        "host",
        "sec-websocket-protocol",
        "sec-websocket-extensions",
        "x-forwarded-for",
        "authorization",
      ),
      fc.oneof(
        headerValue,
        fc.constantFrom("permessage-deflate; client_max_window_bits", "https://evil.example", "127.evil.com"),
      ),
      { maxKeys: 3 },
    ),
  })
  .map(({ path, method, upgrade, version, key, extra }) => {
    const lines = [
      `${method} ${path} HTTP/1.1`,
      ...(extra.host === undefined ? ["Host: 127.0.0.1"] : []),
      `Upgrade: ${upgrade}`,
      "Connection: Upgrade",
      `Sec-WebSocket-Version: ${version}`,
      `Sec-WebSocket-Key: ${key}`,
      ...Object.entries(extra).map(([name, value]) => `${name}: ${value}`),
    ].map((line) => line.replace(/[\r\n]/g, " "));
    return Buffer.from(`${lines.join("\r\n")}\r\n\r\n`, "latin1");
  });

describe("fuzz: the chat and desk WebSockets of a running bot", () => {
  let bot: RunningBot;
  const guard = guardProcess();

  beforeAll(async () => {
    bot = await startBot(testConfig({ PORT: "0", HOST: "127.0.0.1" }), { logger: createSilentLogger() });
  });
  afterAll(async () => {
    await bot?.stop();
    guard.dispose();
  });

  it("40 chat sockets × 15 random frames after hello: answered or closed cleanly, never an internal error", async () => {
    const failures: { what: string; outcome: unknown }[] = [];
    const scripts = cases(fc.array(payload, { minLength: 15, maxLength: 15 }), 40);
    await inPool(scripts, 4, async (frames) => {
      const { socket } = await openChatSocket(bot.url, TOKENS[0] as string);
      const closed = once(socket, "close") as Promise<[number]>;
      for (const frame of frames) if (socket.readyState === WebSocket.OPEN) socket.send(frame);
      if (socket.readyState === WebSocket.OPEN) socket.close(1000);
      const timeout = new Promise<"hang">((resolve) => setTimeout(() => resolve("hang"), HANG_MS).unref());
      const outcome = await Promise.race([closed.then(([code]) => code), timeout]);
      // 1000 our close, 1009 a frame over the limit; 1006/1011 would mean the server broke.
      if (outcome === "hang" || ![1000, 1005, 1009].includes(outcome)) {
        failures.push({ what: frames.map((frame) => String(frame).slice(0, 60)).join(" | "), outcome });
      }
    });
    expectClean(guard, failures);
  });

  it("150 sockets whose first frame is random: ready or closed 1008 (no hello)", async () => {
    const failures: { what: string; outcome: unknown }[] = [];
    await inPool(cases(payload, 150, 1), 6, async (first) => {
      const socket = new WebSocket(`ws://127.0.0.1:${bot.port}${CHAT}`);
      socket.on("error", () => undefined);
      await once(socket, "open");
      const closed = once(socket, "close") as Promise<[number]>;
      const ready = new Promise<"ready">((resolve) =>
        socket.on("message", (data) => {
          if (String(data).includes('"ready"')) resolve("ready");
        }),
      );
      socket.send(first);
      const timeout = new Promise<"hang">((resolve) => setTimeout(() => resolve("hang"), HANG_MS).unref());
      const outcome = await Promise.race([ready, closed.then(([code]) => code), timeout]);
      if (outcome === "ready") socket.close();
      else if (outcome === "hang" || ![1008, 1009].includes(outcome)) {
        failures.push({ what: String(first).slice(0, 100), outcome });
      }
      if (socket.readyState !== WebSocket.CLOSED) await closed;
    });
    expectClean(guard, failures);
  });

  it("400 raw connections with protocol-violating frames (chat and desk): each closed, process alive", async () => {
    const failures: { what: string; outcome: unknown }[] = [];
    const scripts = cases(
      fc.tuple(fc.constantFrom(CHAT, DESK), fc.boolean(), fc.array(rawFrame, { minLength: 1, maxLength: 3 })),
      400,
      2,
    );
    await inPool(scripts, 8, async ([path, hello, frames]) => {
      const raw = await RawWebSocket.open(bot.port, path);
      if (hello && path === CHAT)
        raw.write(wsFrame({ opcode: 1, payload: JSON.stringify({ type: "hello", session: TOKENS[1] }) }));
      for (const frame of frames) raw.write(frame);
      // A well-formed close last: whatever came before, the server must now end the connection.
      raw.write(wsFrame({ opcode: 0x8, payload: Buffer.from([0x03, 0xe8]) }));
      const timeout = new Promise<"hang">((resolve) => setTimeout(() => resolve("hang"), HANG_MS).unref());
      const outcome = await Promise.race([raw.ended(), timeout]);
      if (outcome === "hang" || outcome.closeCode === 1011) {
        raw.destroy();
        failures.push({
          what: `${path} ${frames.map((frame) => frame.subarray(0, 16).toString("hex")).join(" ")}`,
          outcome,
        });
      }
    });
    expectClean(guard, failures);
  });

  it("300 random upgrade requests: answered (never 5xx) and closed", async () => {
    const failures: { what: string; outcome: unknown }[] = [];
    await inPool(cases(upgradeRequest, 300, 3), 8, async (bytes) => {
      const outcome = await sendRaw(bot.port, bytes);
      if (outcome === "hang" || /^HTTP\/1\.[01] 5/.test(outcome.answer)) {
        failures.push({ what: bytes.toString("latin1").slice(0, 200), outcome });
      }
    });
    expectClean(guard, failures);
  });

  it("still chats and serves the desk afterwards", async () => {
    const chat = await openChatSocket(bot.url, sessionToken("after-ws-fuzz"));
    chat.socket.send(JSON.stringify({ type: "message", id: "q", text: "How do I reset my password?" }));
    await expect
      .poll(() => chat.frames.find((frame) => frame.type === "message")?.message?.text)
      .toMatch(/password/i);
    chat.socket.close();
    const desk = new WebSocket(`ws://127.0.0.1:${bot.port}${DESK}`);
    const [ready] = await once(desk, "message");
    expect(JSON.parse(String(ready))).toEqual({ type: "ready" });
    desk.close();
    expect(guard.problems).toEqual([]);
  });
});
