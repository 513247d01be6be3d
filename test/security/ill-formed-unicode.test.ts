/**
 * Issue 11: a lone UTF-16 surrogate in a web-chat message made the Slack WebClient throw a
 * URIError while URL-encoding it; the call was retried and the line kept at the head of the
 * thread's queue, so none of the customer's later messages reached Slack (0 of 5). Inbound text is now
 * made well-formed (U+FFFD) when the event is parsed, and outbound text before every SDK call.
 */
import { afterEach, describe, expect, it } from "vitest";
import { type RunningBot, startBot } from "../../src/app/start-local.ts";
import { createSilentLogger } from "../../src/core/logger.ts";
import { inboundEventSchema } from "../../src/model/events.ts";
import { wellFormedDeep } from "../../src/model/well-formed.ts";
import { type FakeSlackApi, startFakeSlackApi } from "../adapters/desks/slack/fake-slack-api.ts";
import { DESK_CHANNEL, SIGNING_SECRET } from "../adapters/desks/slack/slack-harness.ts";
import { testConfig } from "../helpers/bot-harness.ts";

const LONE_HIGH = "\ud83d"; // the first half of 😀 with its second half cut off
const LONE_LOW = "\ude00";
const REPLACEMENT = "\ufffd";

describe("ill-formed UTF-16 is made well-formed at the boundaries", () => {
  it("the inbound event schema replaces lone surrogates in every string a client sends", () => {
    const event = inboundEventSchema.parse({
      type: "message",
      id: `m${LONE_LOW}1`,
      conversation: `web:abc${LONE_HIGH}def`,
      user: { channel: "web", id: "u1", displayName: `Mina ${LONE_HIGH}` },
      text: `hello ${LONE_HIGH} and ${LONE_LOW} 😀`,
    });
    expect(event).toMatchObject({
      id: `m${REPLACEMENT}1`,
      conversation: `web:abc${REPLACEMENT}def`,
      user: { displayName: `Mina ${REPLACEMENT}` },
      text: `hello ${REPLACEMENT} and ${REPLACEMENT} 😀`,
    });
  });

  it("outbound payloads are copied only where a string needed fixing", () => {
    const clean = { text: "fine 😀", blocks: [{ type: "section" }] };
    expect(wellFormedDeep(clean)).toBe(clean);
    const dirty = { text: "ok", blocks: [{ text: `bad ${LONE_LOW}` }], buffer: Buffer.from("x") };
    const fixed = wellFormedDeep(dirty);
    expect(fixed).toEqual({ text: "ok", blocks: [{ text: `bad ${REPLACEMENT}` }], buffer: dirty.buffer });
    expect(dirty.blocks[0]?.text).toBe(`bad ${LONE_LOW}`);
  });
});

describe("a web-chat customer's lone surrogate and the Slack desk", () => {
  let api: FakeSlackApi | undefined;
  let bot: RunningBot | undefined;
  afterEach(async () => {
    await bot?.stop();
    await api?.close();
    bot = undefined;
    api = undefined;
  });

  it("reaches the packet as U+FFFD, and every message after it reaches the thread", async () => {
    api = await startFakeSlackApi();
    const slack = api;
    bot = await startBot(
      testConfig({
        PORT: "0",
        HOST: "127.0.0.1",
        SLACK_BOT_TOKEN: "xoxb-test-token",
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: slack.url,
        SLACK_DESK_CHANNEL: DESK_CHANNEL,
      }),
      { logger: createSilentLogger() },
    );
    const url = bot.url;
    let id = 0;
    const say = async (text: string) => {
      const response = await fetch(`${url}api/chat/messages`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        // JSON.stringify writes a lone surrogate as the escape "\ud83d", which JSON.parse restores.
        body: JSON.stringify({
          session: "surrogate01-session-token-000",
          type: "message",
          id: `m-${++id}`,
          text,
        }),
      });
      expect(response.status).toBe(200);
    };

    await say(`My card ${LONE_HIGH} was charged twice`);
    await say("/human");
    const [packet] = slack.callsTo("chat.postMessage");
    expect(packet?.args.channel).toBe(DESK_CHANNEL);
    expect(JSON.stringify(packet?.args.blocks)).toContain(`My card ${REPLACEMENT} was charged twice`);

    const threadLines = () =>
      slack
        .callsTo("chat.postMessage")
        .filter((call) => call.args.thread_ts !== undefined)
        .map((call) => String(call.args.text));
    // At the end of a string Node's URL encoding throws (URIError); in the middle it garbles the
    // next character ("x\ude00 y" became "x\u{900a0}y"): both are gone.
    await say(`still there? ${LONE_HIGH}`);
    await say(`card ${LONE_LOW} ending 1234`);
    const later = [1, 2, 3, 4, 5].map((n) => `follow-up ${n}`);
    for (const text of later) await say(text);
    await expect
      .poll(threadLines)
      .toEqual(
        expect.arrayContaining([
          `*Customer:* still there? ${REPLACEMENT}`,
          `*Customer:* card ${REPLACEMENT} ending 1234`,
          ...later.map((text) => `*Customer:* ${text}`),
        ]),
      );
    // JSON.stringify escapes only lone surrogates: none reached Slack.
    expect(JSON.stringify(slack.calls.map((call) => call.args))).not.toMatch(/\\ud[89a-f][0-9a-f]{2}/i);
  });
});
