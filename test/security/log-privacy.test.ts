/**
 * Issue 11: with the Slack desk at LOG_LEVEL=debug, Bolt's "http request body" lines carried the
 * customer's e-mail, phone and card number. Rule: no log line at any level carries message text
 * or personal data. A whole conversation — web chat, hand-off, packet, relay, claim, an agent's
 * reply, the bot answering — runs at LOG_LEVEL=trace with every line captured.
 */

import { Writable } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { conversationIdOf } from "../../adapters/channels/web/web-session.ts";
import { boltMessageLabel } from "../../adapters/desks/slack/bolt-logger.ts";
import { type RunningBot, startBot } from "../../src/app/start-local.ts";
import { createLogger, serializeError } from "../../src/core/logger.ts";
import { type FakeSlackApi, startFakeSlackApi } from "../adapters/desks/slack/fake-slack-api.ts";
import {
  blockAction,
  DESK_CHANNEL,
  FORM,
  JSON_TYPE,
  MINA,
  postSigned,
  SIGNING_SECRET,
  threadMessage,
} from "../adapters/desks/slack/slack-harness.ts";
import { testConfig } from "../helpers/bot-harness.ts";

/** The web chat's secret session token, and the conversation it stands for (see web-session.ts). */
const SESSION = "logcanary01-session-token-000";
const CONVERSATION = `web:${conversationIdOf(SESSION)}`;

const EMAIL = "canary.mail@example.com";
const PHONE = "010-1234-5678";
const CARD = "4111 1111 1111 1111";
/** Words that only ever appear in message text. */
const WORDS = ["zebracanary", "얼룩말카나리아", "okapicanary", "agentcanary"];
const CANARIES = [EMAIL, PHONE, CARD, CARD.replaceAll(" ", ""), "canary.mail", "1234-5678", ...WORDS];

/** A pino destination that keeps every line. */
function captureLines() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      lines.push(...String(chunk).split("\n").filter(Boolean));
      done();
    },
  });
  return { lines, stream };
}

describe("log lines carry no message text or personal data", () => {
  let api: FakeSlackApi | undefined;
  let bot: RunningBot | undefined;
  afterEach(async () => {
    await bot?.stop();
    await api?.close();
    bot = undefined;
    api = undefined;
  });

  it("a web-chat conversation through the Slack desk, at LOG_LEVEL=trace", async () => {
    const { lines, stream } = captureLines();
    api = await startFakeSlackApi();
    api.users.set(MINA, { name: "mina.k", real_name: "Mina Kim", display_name: "Mina" });
    const slack = api;
    bot = await startBot(
      testConfig({
        PORT: "0",
        HOST: "127.0.0.1",
        LOG_LEVEL: "trace",
        SLACK_BOT_TOKEN: "xoxb-test-token",
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: slack.url,
        SLACK_DESK_CHANNEL: DESK_CHANNEL,
      }),
      { logger: createLogger({ level: "trace", destination: stream }) },
    );
    const url = bot.url;
    let id = 0;
    const say = async (text: string) => {
      const response = await fetch(`${url}api/chat/messages`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ session: SESSION, type: "message", id: `m-${++id}`, text }),
      });
      expect(response.status).toBe(200);
    };

    await say(`My card ${CARD} was charged twice, zebracanary. Mail me at ${EMAIL} or call ${PHONE}`);
    await say("환불해 주세요 얼룩말카나리아 /human 이메일 canary.mail@example.com");
    await say("/human");
    const [packet] = slack.callsTo("chat.postMessage");
    const ts = String((await bot.app.handoff.get(CONVERSATION))?.deskRef.ts ?? "");
    expect(JSON.stringify(packet?.args.blocks)).toContain("zebracanary"); // the desk sees the text
    await say(`still waiting okapicanary, my number is ${PHONE}`);

    const claim = blockAction({
      actionId: "handoff_claim",
      conversation: CONVERSATION,
      user: MINA,
      channel: DESK_CHANNEL,
      messageTs: ts,
    });
    expect((await postSigned(`${url}slack/events`, claim, FORM)).status).toBe(200);
    const reply = threadMessage({
      channel: DESK_CHANNEL,
      threadTs: ts,
      user: MINA,
      text: `agentcanary: I wrote to ${EMAIL} about the card ending ${CARD}`,
    });
    expect((await postSigned(`${url}slack/events`, reply.body, JSON_TYPE)).status).toBe(200);
    await say(`thanks! okapicanary ${EMAIL}`);
    await expect
      .poll(() =>
        slack.callsTo("chat.postMessage").some((call) => String(call.args.text).includes("thanks!")),
      )
      .toBe(true);

    // The conversation really ran, at trace, with the SDK's debug output on.
    expect(lines.length).toBeGreaterThan(20);
    expect(lines.some((line) => line.includes('"msg":"http request body'))).toBe(true);
    const leaked = lines.filter((line) => CANARIES.some((canary) => line.includes(canary)));
    expect(leaked).toEqual([]);
  });
});

describe("log defences", () => {
  it("Bolt messages keep their label, not the payload after it", () => {
    expect(boltMessageLabel([`http request body: {"text":"${EMAIL}"}`])).toBe("http request body");
    expect(boltMessageLabel([`ack() response sent (body: ${PHONE})`])).toBe("ack");
    expect(boltMessageLabel([JSON.stringify({ event: { text: CARD } })])).toBe("");
    expect(boltMessageLabel(["http request failed", `connect ECONNREFUSED ${EMAIL}`])).toBe(
      "http request failed",
    );
  });

  it("errors keep type, message, code and stack, not the fields an SDK hangs on them", () => {
    const error = Object.assign(new Error("duplicate key value violates unique constraint"), {
      code: "23505",
      detail: `Key (email)=(${EMAIL}) already exists.`,
      body: { text: CARD },
      cause: Object.assign(new TypeError("fetch failed"), { request: { body: PHONE } }),
    });
    const serialized = JSON.stringify(serializeError(error));
    for (const canary of [EMAIL, CARD, PHONE]) expect(serialized).not.toContain(canary);
    expect(serializeError(error)).toMatchObject({
      type: "Error",
      code: "23505",
      cause: { type: "TypeError", message: "fetch failed" },
    });
  });

  it("keys that hold text or contact details are censored wherever a call site logs them", () => {
    const { lines, stream } = captureLines();
    const log = createLogger({ level: "trace", destination: stream });
    log.info({ text: EMAIL, event: { text: CARD }, user: { displayName: "Mina", phone: PHONE } }, "oops");
    expect(lines.join("\n")).not.toMatch(/canary|4111|5678|Mina/);
  });
});
