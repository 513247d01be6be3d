import { createHmac } from "node:crypto";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SECRET_HEADER } from "../../adapters/channels/telegram/webhook-route.ts";
import { SLACK_EVENTS_PATH } from "../../adapters/desks/slack/slack-http-receiver.ts";
import { type RunningBot, startBot } from "../../src/app/start-local.ts";
import { createSilentLogger } from "../../src/core/logger.ts";
import { type FakeBotApi, startFakeBotApi, TEST_TOKEN } from "../adapters/channels/telegram/fake-bot-api.ts";
import { type FakeSlackApi, startFakeSlackApi } from "../adapters/desks/slack/fake-slack-api.ts";
import { DESK_CHANNEL, SIGNING_SECRET } from "../adapters/desks/slack/slack-harness.ts";
import { testConfig } from "../helpers/bot-harness.ts";
import {
  cases,
  expectClean,
  type FuzzRequest,
  guardProcess,
  headerValue,
  inPool,
  send,
  wildText,
} from "./fuzz-harness.ts";

const HOOK = "/telegram/hook";
const SECRET = "fuzz_webhook-secret";

const int = fc.oneof(
  fc.integer({ min: -1_000_000, max: 1_000_000 }),
  fc.constantFrom(0, 31, -100555, 2 ** 53, -(2 ** 31)),
);
const user = fc.record(
  {
    id: int,
    is_bot: fc.boolean(),
    first_name: wildText(30),
    username: wildText(20),
    language_code: fc.oneof(fc.constantFrom("en", "ko", "zz"), wildText(10)),
  },
  { requiredKeys: ["id", "first_name"] },
);
const chat = fc.record(
  {
    id: int,
    type: fc.oneof(fc.constantFrom("private", "group", "supergroup", "channel"), wildText(10)),
    title: wildText(30),
    is_forum: fc.boolean(),
  },
  { requiredKeys: ["id", "type"] },
);
const entity = fc.record({
  type: fc.oneof(fc.constantFrom("bot_command", "mention", "text_mention", "url", "bold"), wildText(10)),
  offset: int,
  length: int,
});
const message = fc.record(
  {
    message_id: int,
    date: int,
    chat,
    from: user,
    text: fc.oneof(
      wildText(300),
      fc.constantFrom("/start", "/start x_y", "/human", "/help@SwitchboardTestBot", "@SwitchboardTestBot hi"),
    ),
    entities: fc.array(entity, { maxLength: 4 }),
    caption: wildText(40),
    message_thread_id: int,
    is_topic_message: fc.boolean(),
    reply_to_message: fc.record({ message_id: int, date: int, chat, from: user }, { requiredKeys: [] }),
    new_chat_members: fc.array(user, { maxLength: 2 }),
  },
  { requiredKeys: ["message_id", "date", "chat"] },
);
const update = fc.oneof(
  { weight: 4, arbitrary: fc.record({ update_id: int, message }) },
  { weight: 1, arbitrary: fc.record({ update_id: int, edited_message: message }) },
  {
    weight: 2,
    arbitrary: fc.record({
      update_id: int,
      callback_query: fc.record(
        {
          id: wildText(20),
          from: user,
          data: fc.oneof(wildText(64), fc.constantFrom("a:1", "faq:x", "")),
          message,
          chat_instance: wildText(10),
        },
        { requiredKeys: ["id", "from"] },
      ),
    }),
  },
  { weight: 1, arbitrary: fc.record({ update_id: int, my_chat_member: fc.jsonValue() }) },
  { weight: 1, arbitrary: fc.jsonValue() },
);
const telegramRequest: fc.Arbitrary<FuzzRequest> = fc
  .record({
    body: fc.oneof(
      { weight: 8, arbitrary: update.map((value) => JSON.stringify(value) ?? "null") },
      { weight: 1, arbitrary: wildText(100) },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          "x".repeat(300_000),
          "{".repeat(10_000),
          `{"update_id":1,"message":${"[".repeat(5_000)}`,
        ),
      },
    ),
    secret: fc.oneof({ weight: 9, arbitrary: fc.constant(SECRET) }, { weight: 1, arbitrary: headerValue }),
    chunked: fc.boolean(),
  })
  .map(({ body, secret, chunked }) => ({
    method: "POST",
    path: HOOK,
    headers: { "content-type": "application/json", [SECRET_HEADER]: secret },
    body: new Uint8Array(Buffer.from(body)),
    chunked,
  }));

const slackEvent = fc.record(
  {
    token: wildText(10),
    team_id: fc.constantFrom("T0001", "T9999"),
    type: fc.oneof(fc.constantFrom("event_callback", "url_verification", "app_rate_limited"), wildText(10)),
    challenge: fc.oneof(wildText(20), fc.jsonValue()),
    event_id: wildText(12),
    event: fc.record(
      {
        type: fc.oneof(fc.constantFrom("message", "app_mention", "reaction_added"), wildText(10)),
        subtype: fc.oneof(
          fc.constantFrom("bot_message", "message_changed", "thread_broadcast"),
          wildText(10),
        ),
        channel: fc.oneof(fc.constant(DESK_CHANNEL), wildText(12)),
        user: fc.oneof(fc.constant("UMINA0001"), wildText(12)),
        text: wildText(200),
        ts: fc.oneof(fc.constant("1700001000.000100"), wildText(12)),
        thread_ts: fc.oneof(fc.constant("1700000000.000101"), wildText(12)),
        bot_id: wildText(8),
      },
      { requiredKeys: ["type"] },
    ),
  },
  { requiredKeys: ["type"] },
);
const slackAction = fc.record(
  {
    type: fc.oneof(
      fc.constantFrom("block_actions", "view_submission", "shortcut", "message_action"),
      wildText(10),
    ),
    user: fc.record(
      { id: fc.oneof(fc.constant("UMINA0001"), wildText(10)), username: wildText(10) },
      { requiredKeys: [] },
    ),
    team: fc.record({ id: fc.constant("T0001") }),
    container: fc.record(
      { message_ts: wildText(12), channel_id: fc.oneof(fc.constant(DESK_CHANNEL), wildText(10)) },
      { requiredKeys: [] },
    ),
    channel: fc.record({ id: fc.oneof(fc.constant(DESK_CHANNEL), wildText(10)) }),
    message: fc.record({ ts: wildText(12), text: wildText(20) }, { requiredKeys: [] }),
    actions: fc.array(
      fc.record(
        {
          action_id: fc.oneof(
            fc.constantFrom("handoff_claim", "handoff_close", "handoff_return", "handoff_translate"),
            wildText(20),
          ),
          value: fc.oneof(fc.constantFrom("web:nobody", "test:1"), wildText(40)),
          type: fc.constantFrom("button", "static_select"),
        },
        { requiredKeys: [] },
      ),
      { maxLength: 3 },
    ),
    trigger_id: wildText(10),
    response_url: fc.constant("http://127.0.0.1:9/unused"),
  },
  { requiredKeys: ["type"] },
);
const slackBody = fc.oneof(
  {
    weight: 4,
    arbitrary: slackEvent.map((value) => ({ type: "application/json", body: JSON.stringify(value) })),
  },
  {
    weight: 3,
    arbitrary: slackAction.map((value) => ({
      type: "application/x-www-form-urlencoded",
      body: new URLSearchParams({ payload: JSON.stringify(value) }).toString(),
    })),
  },
  {
    weight: 1,
    arbitrary: fc
      .dictionary(
        fc.constantFrom("command", "text", "user_id", "channel_id", "payload", "ssl_check"),
        wildText(40),
        { maxKeys: 4 },
      )
      .map((form) => ({
        type: "application/x-www-form-urlencoded",
        body: new URLSearchParams(form).toString(),
      })),
  },
  {
    weight: 1,
    arbitrary: fc
      .jsonValue()
      .map((value) => ({ type: "application/json", body: JSON.stringify(value) ?? "" })),
  },
  {
    weight: 1,
    arbitrary: fc
      .uint8Array({ maxLength: 300 })
      .map((bytes) => ({ type: "application/json", body: Buffer.from(bytes) })),
  },
);
const slackRequest: fc.Arbitrary<FuzzRequest> = fc
  .record({
    payload: slackBody,
    signing: fc.oneof(
      { weight: 8, arbitrary: fc.constant("valid" as const) },
      { weight: 1, arbitrary: fc.constantFrom("unsigned" as const, "stale" as const, "forged" as const) },
      { weight: 1, arbitrary: headerValue },
    ),
    chunked: fc.boolean(),
  })
  .map(({ payload, signing, chunked }) => {
    const body = Buffer.isBuffer(payload.body) ? payload.body : Buffer.from(payload.body);
    const now = Math.floor(Date.now() / 1000);
    const timestamp =
      signing === "stale"
        ? String(now - 3_600)
        : signing === "valid" || signing === "forged" || signing === "unsigned"
          ? String(now)
          : signing;
    const secret = signing === "forged" ? "not-the-secret" : SIGNING_SECRET;
    const signature = `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:`).update(body).digest("hex")}`;
    return {
      method: "POST",
      path: SLACK_EVENTS_PATH,
      headers: {
        "content-type": payload.type,
        ...(signing === "unsigned"
          ? {}
          : { "x-slack-request-timestamp": timestamp, "x-slack-signature": signature }),
      },
      body: new Uint8Array(body),
      chunked,
    };
  });

describe("fuzz: the Telegram webhook and the Slack events route of a running bot", () => {
  let telegram: FakeBotApi;
  let slack: FakeSlackApi;
  let bot: RunningBot;
  const guard = guardProcess();

  beforeAll(async () => {
    telegram = await startFakeBotApi();
    slack = await startFakeSlackApi();
    const config = testConfig({
      PORT: "0",
      HOST: "127.0.0.1",
      TELEGRAM_BOT_TOKEN: TEST_TOKEN,
      TELEGRAM_API_ROOT: telegram.apiRoot,
      TELEGRAM_WEBHOOK_URL: `https://bot.example.com${HOOK}`,
      TELEGRAM_WEBHOOK_SECRET: SECRET,
      SLACK_BOT_TOKEN: "xoxb-test-token",
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.url,
      SLACK_DESK_CHANNEL: DESK_CHANNEL,
    });
    bot = await startBot(config, { logger: createSilentLogger() });
  });
  afterAll(async () => {
    await bot?.stop();
    await telegram?.close();
    await slack?.close();
    guard.dispose();
  });

  it("500 random Telegram webhook requests: no crash, no 5xx, every one answered", async () => {
    const failures: { what: string; outcome: unknown }[] = [];
    await inPool(cases(telegramRequest, 500, 10), 8, async (fuzz) => {
      const outcome = await send(bot.port, fuzz);
      if (outcome === "hang" || outcome >= 500) {
        failures.push({
          what: Buffer.from(fuzz.body ?? [])
            .toString("utf8")
            .slice(0, 300),
          outcome,
        });
      }
    });
    expectClean(guard, failures);
  });

  it("500 random Slack requests, most correctly signed: no crash, no 5xx, every one answered", async () => {
    const failures: { what: string; outcome: unknown }[] = [];
    await inPool(cases(slackRequest, 500, 11), 8, async (fuzz) => {
      const outcome = await send(bot.port, fuzz);
      if (outcome === "hang" || outcome >= 500) {
        failures.push({
          what: Buffer.from(fuzz.body ?? [])
            .toString("utf8")
            .slice(0, 300),
          outcome,
        });
      }
    });
    expectClean(guard, failures);
  });

  it("still answers a normal Telegram message and Slack's handshake afterwards", async () => {
    const before = telegram.callsTo("sendMessage").length;
    const normal = {
      update_id: 999_999,
      message: {
        message_id: 1,
        date: Math.floor(Date.now() / 1000),
        chat: { id: 777, type: "private" },
        from: { id: 777, is_bot: false, first_name: "Mina", language_code: "en" },
        text: "How do I reset my password?",
      },
    };
    const status = await send(bot.port, {
      method: "POST",
      path: HOOK,
      headers: { "content-type": "application/json", [SECRET_HEADER]: SECRET },
      body: new Uint8Array(Buffer.from(JSON.stringify(normal))),
    });
    expect(status).toBe(200);
    await expect
      .poll(
        () =>
          telegram
            .callsTo("sendMessage")
            .slice(before)
            .find((call) => call.body.chat_id === 777)?.body.text,
      )
      .toMatch(/password/i);

    const body = Buffer.from(JSON.stringify({ type: "url_verification", challenge: "still-here" }));
    const timestamp = String(Math.floor(Date.now() / 1000));
    const signature = `v0=${createHmac("sha256", SIGNING_SECRET).update(`v0:${timestamp}:`).update(body).digest("hex")}`;
    const response = await fetch(`${bot.url.slice(0, -1)}${SLACK_EVENTS_PATH}`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-slack-request-timestamp": timestamp,
        "x-slack-signature": signature,
      },
      body,
    });
    expect(await response.json()).toEqual({ challenge: "still-here" });
    expect(guard.problems).toEqual([]);
  });
});
