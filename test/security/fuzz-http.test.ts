import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_MESSAGE_BYTES } from "../../adapters/channels/web/web-limits.ts";
import { type RunningBot, startBot } from "../../src/app/start-local.ts";
import { createSilentLogger } from "../../src/core/logger.ts";
import { conversationOf, sessionToken } from "../adapters/channels/web/web-client.ts";
import { testConfig } from "../helpers/bot-harness.ts";
import {
  cases,
  expectClean,
  type FuzzRequest,
  guardProcess,
  headerValue,
  inPool,
  send,
  sendRaw,
  wildText,
} from "./fuzz-harness.ts";

const TOKENS = ["a", "b", "c"].map((label) => sessionToken(`fuzz-http-${label}`));
const CONVERSATIONS = [...TOKENS.map(conversationOf), "web:nobody", "telegram:1", "x", "web:%3A%3A", ""];

/** Percent-encodes every byte but the unreserved ones (lone surrogates become U+FFFD's bytes). */
const encode = (text: string) =>
  [...Buffer.from(text)]
    .map((byte) =>
      /[A-Za-z0-9_.~-]/.test(String.fromCharCode(byte))
        ? String.fromCharCode(byte)
        : `%${byte.toString(16).padStart(2, "0")}`,
    )
    .join("");

/** Anything Node's client accepts in a request target (0x21–0xFF), escaping the rest. */
const target = (text: string) => text.replace(/[^\u0021-\u00ff]/g, (c) => encode(c));

const knownPath = fc.constantFrom(
  "/",
  "/chat.js",
  "/chat.css",
  "/healthz",
  "/desk",
  "/desk/desk.js",
  "/desk/desk.css",
  "/api/chat/messages",
  "/api/chat/history",
  "/api/desk/handoffs",
  "/api/chat/ws",
  "/api/desk/ws",
  "/slack/events",
  "/telegram/webhook",
);
const deskPath = fc
  .tuple(
    fc.oneof(fc.constantFrom(...CONVERSATIONS), wildText(20)),
    fc.constantFrom("lines", "claim", "reply", "note", "close", "return", "delete", ""),
  )
  .map(([conversation, action]) => `/api/desk/handoffs/${encode(conversation)}/${action}`);
const path = fc
  .oneof(
    { weight: 4, arbitrary: knownPath },
    { weight: 3, arbitrary: deskPath },
    {
      weight: 2,
      arbitrary: fc
        .tuple(knownPath, fc.webQueryParameters(), wildText(16))
        .map(([base, query, extra]) => `${base}?${query}&before=${encode(extra)}&limit=${encode(extra)}`),
    },
    {
      weight: 2,
      arbitrary: fc.oneof(
        fc.webPath(),
        fc.constantFrom(
          "/%",
          "/%zz",
          "/%c0%af",
          "/..%2f..%2fetc%2fpasswd",
          "//x",
          "/api//chat",
          "/desk%00",
          "/api/chat/history%ed%a0%80",
          "/\u00ff",
        ),
        fc.constant(`/${"a".repeat(6_000)}`),
        wildText(40).map((text) => `/${text}`),
      ),
    },
  )
  .map(target);

const session = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...TOKENS) },
  { weight: 1, arbitrary: wildText(40) },
  { weight: 1, arbitrary: fc.constantFrom("", "short", "x".repeat(129), "../../etc") },
);
const chatMessage = fc.record(
  {
    session,
    type: fc.oneof(fc.constantFrom("message", "action", "hello", "command"), wildText(8)),
    id: fc.oneof(fc.uuid(), wildText(40), fc.constant("x".repeat(200)), fc.integer()),
    text: fc.oneof(
      { weight: 6, arbitrary: wildText(120) },
      {
        weight: 1,
        arbitrary: fc.constantFrom("/human", "/help", "/ticket", "/forget", "How do I reset my password?"),
      },
      {
        weight: 1,
        arbitrary: fc.constantFrom("x".repeat(8_001), "가".repeat(8_000), "\u0001".repeat(8_000)),
      },
    ),
    action: fc.oneof(wildText(20), fc.constantFrom("faq", "ticket", "handoff", "csat")),
    value: wildText(40),
    locale: fc.oneof(fc.constantFrom("en", "ko-KR", "zz"), wildText(40)),
    displayName: wildText(100),
  },
  { requiredKeys: [] },
);
const deskAction = fc.record(
  {
    agent: fc.oneof(
      fc.record({ id: wildText(20), name: wildText(20) }, { requiredKeys: [] }),
      fc.jsonValue(),
    ),
    text: fc.oneof(wildText(100), fc.constant("y".repeat(4_001))),
  },
  { requiredKeys: [] },
);
const utf8 = (text: string) => new Uint8Array(Buffer.from(text));
const body = fc.oneof(
  { weight: 6, arbitrary: chatMessage.map((value) => utf8(JSON.stringify(value))) },
  { weight: 3, arbitrary: deskAction.map((value) => utf8(JSON.stringify(value))) },
  { weight: 2, arbitrary: fc.jsonValue().map((value) => utf8(JSON.stringify(value) ?? "null")) },
  { weight: 2, arbitrary: fc.uint8Array({ maxLength: 1_024 }) },
  { weight: 1, arbitrary: wildText(60).map((text) => utf8(`{"session":"${text}`)) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(MAX_MESSAGE_BYTES + 1, 300_000).map((size) => new Uint8Array(size).fill(0x20)),
  },
);
const headerName = fc.constantFrom(
  "content-type",
  "authorization",
  "origin",
  "host",
  "x-forwarded-for",
  "forwarded",
  "accept",
  "accept-encoding",
  "cookie",
  "upgrade",
  "x-telegram-bot-api-secret-token",
  "x-slack-signature",
  "x-slack-request-timestamp",
  "x-custom",
);
const headers = fc.dictionary(
  headerName,
  fc.oneof(
    headerValue,
    fc.constantFrom(
      "application/json",
      "application/x-www-form-urlencoded",
      "localhost:3000",
      "127.evil.com",
    ),
    fc.constantFrom(...TOKENS).map((token) => `Bearer ${token}`),
  ),
  { maxKeys: 5 },
);
const method = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom("GET", "POST") },
  { weight: 2, arbitrary: fc.constantFrom("PUT", "DELETE", "PATCH", "OPTIONS", "HEAD") },
  { weight: 1, arbitrary: fc.stringMatching(/^[A-Z]{1,10}$/) },
);
const json = { "content-type": "application/json" };
/** Anything at all, anywhere. */
const anyRequest: fc.Arbitrary<FuzzRequest> = fc
  .record({ method, path, headers, body: fc.option(body, { nil: undefined }), chunked: fc.boolean() })
  .map((fuzz) => (fuzz.method === "HEAD" ? { ...fuzz, body: undefined } : fuzz));
/** Valid chat messages and actions with wild contents: these reach the core. */
const validChat = fc.oneof(
  fc.record(
    {
      session: fc.constantFrom(...TOKENS),
      type: fc.constant("message"),
      id: fc.uuid(),
      text: fc.oneof(
        { weight: 8, arbitrary: wildText(200) },
        {
          weight: 1,
          arbitrary: fc.constantFrom("/human", "/help", "/ticket", "/forget", "/status", "/csat 5"),
        },
        {
          weight: 1,
          arbitrary: fc.constantFrom("가".repeat(8_000), "\u0001".repeat(8_000), "😀".repeat(4_000)),
        },
      ),
      locale: fc.oneof(fc.constantFrom("en", "ko-KR"), wildText(30)),
      displayName: wildText(60),
    },
    { requiredKeys: ["session", "type", "id", "text"] },
  ),
  fc.record(
    {
      session: fc.constantFrom(...TOKENS),
      type: fc.constant("action"),
      id: fc.uuid(),
      action: fc.oneof(
        fc.constantFrom("faq", "ticket", "handoff", "csat", "feedback", "clarify"),
        wildText(20),
      ),
      value: wildText(60),
    },
    { requiredKeys: ["session", "type", "id", "action"] },
  ),
);
/** Chat messages over POST: mostly valid with wild contents, some wild in every field. */
const chatPost: fc.Arbitrary<FuzzRequest> = fc
  .record({
    message: fc.oneof({ weight: 3, arbitrary: validChat }, { weight: 1, arbitrary: chatMessage }),
    chunked: fc.boolean(),
  })
  .map(({ message, chunked }) => ({
    method: "POST",
    path: "/api/chat/messages",
    headers: json,
    body: utf8(JSON.stringify(message)),
    chunked,
  }));
/** History pages with real and wild tokens and cursors. */
const historyGet: fc.Arbitrary<FuzzRequest> = fc
  .record({
    token: session,
    before: fc.option(wildText(40)),
    limit: fc.option(fc.oneof(fc.integer(), wildText(8))),
  })
  .map(({ token, before, limit }) => ({
    method: "GET",
    path: target(
      `/api/chat/history?${before === null ? "" : `before=${encode(before)}&`}${limit === null ? "" : `limit=${encode(String(limit))}`}`,
    ),
    headers: { authorization: `Bearer ${token}` },
  }));
/** Desk actions on real and made-up conversations, from this machine. */
const deskPost: fc.Arbitrary<FuzzRequest> = fc
  .record({ path: deskPath, action: deskAction })
  .map(({ path: deskTarget, action }) => ({
    method: "POST",
    path: target(deskTarget),
    headers: json,
    body: utf8(JSON.stringify(action)),
  }));
const request = fc.oneof(
  { weight: 5, arbitrary: anyRequest },
  { weight: 3, arbitrary: chatPost },
  { weight: 1, arbitrary: historyGet },
  { weight: 1, arbitrary: deskPost },
);

/** Request heads no client library would write. */
const garbage = fc.oneof(
  fc.uint8Array({ minLength: 1, maxLength: 512 }),
  fc
    .tuple(wildText(20), wildText(40))
    .map(([verb, rest]) => utf8(`${verb} /${rest} HTTP/1.1\r\nHost: x\r\n\r\n`)),
  fc
    .constantFrom(
      "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n",
      "GET / HTTP/1.1\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
      "POST /api/chat/messages HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
      "GET / HTTP/9.9\r\n\r\n",
      `GET /${"x".repeat(20_000)} HTTP/1.1\r\n\r\n`,
      `GET / HTTP/1.1\r\nX: ${"y".repeat(20_000)}\r\n\r\n`,
      "GET / HTTP/1.1\r\nHost: x\r\nX: a\u0000b\r\n\r\n",
    )
    .map(utf8),
);

describe("fuzz: the HTTP API of a running bot", () => {
  let bot: RunningBot;
  const guard = guardProcess();

  beforeAll(async () => {
    bot = await startBot(testConfig({ PORT: "0", HOST: "127.0.0.1" }), { logger: createSilentLogger() });
    // A real hand-off, so desk actions sometimes find one.
    await fetch(`${bot.url}api/chat/messages`, {
      method: "POST",
      body: JSON.stringify({ session: TOKENS[0], type: "message", id: "start", text: "/human" }),
    });
  });
  afterAll(async () => {
    await bot?.stop();
    guard.dispose();
  });

  it("1,000 random requests: no crash, no 5xx, every one answered", async () => {
    const failures: { what: string; outcome: unknown }[] = [];
    await inPool(cases(request, 1_000), 8, async (fuzz) => {
      const outcome = await send(bot.port, fuzz);
      if (outcome === "hang" || outcome >= 500) {
        failures.push({
          what: `${fuzz.method} ${fuzz.path.slice(0, 200)} ${JSON.stringify(fuzz.headers)}`,
          outcome,
        });
      }
    });
    expectClean(guard, failures);
  });

  it("300 malformed request heads on raw TCP: each closed, none answered with 5xx", async () => {
    const failures: { what: string; outcome: unknown }[] = [];
    await inPool(cases(garbage, 300, 1), 8, async (bytes) => {
      const outcome = await sendRaw(bot.port, bytes);
      if (outcome === "hang" || /^HTTP\/1\.[01] 5/.test(outcome.answer)) {
        failures.push({ what: Buffer.from(bytes).toString("latin1").slice(0, 200), outcome });
      }
    });
    expectClean(guard, failures);
  });

  it("still answers a normal question afterwards", async () => {
    const response = await fetch(`${bot.url}api/chat/messages`, {
      method: "POST",
      body: JSON.stringify({
        session: sessionToken("after-fuzz"),
        type: "message",
        id: "q",
        text: "How do I reset my password?",
      }),
    });
    expect(response.status).toBe(200);
    const { replies } = (await response.json()) as { replies: { text: string }[] };
    expect(replies[0]?.text).toMatch(/password/i);
    expect(guard.problems).toEqual([]);
  });
});
