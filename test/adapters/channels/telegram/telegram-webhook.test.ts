import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  createTelegramAdapter,
  type TelegramAdapter,
} from "../../../../adapters/channels/telegram/telegram-adapter.ts";
import { MAX_TELEGRAM_UPDATE_BYTES } from "../../../../adapters/channels/telegram/webhook-route.ts";
import { coreMessages } from "../../../../src/core/core-messages.ts";
import { createSilentLogger } from "../../../../src/core/logger.ts";
import {
  createRecordingBot,
  FAKE_BOT,
  type FakeBotApi,
  startFakeBotApi,
  TEST_TOKEN,
} from "./fake-bot-api.ts";

const SECRET = "hook_secret-42";
const PATH = "/telegram/hook";
const GROUP = { id: -100555, type: "supergroup", title: "PromptMart users" };
const customer = { id: 31, is_bot: false, first_name: "Mina", language_code: "en" };

let updateId = 1000;
const message = (fields: Record<string, unknown>, chat: object = GROUP) => ({
  update_id: ++updateId,
  message: { message_id: updateId, date: 1_700_000_000, chat, from: customer, ...fields },
});

describe("Telegram adapter: webhook mode, groups and buttons (captured requests)", () => {
  let api: FakeBotApi;
  let adapter: TelegramAdapter;
  const bot = createRecordingBot();

  const post = (body: unknown, secret: string | null = SECRET) =>
    (adapter.routes as NonNullable<TelegramAdapter["routes"]>).request(PATH, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(secret === null ? {} : { "X-Telegram-Bot-Api-Secret-Token": secret }),
      },
      body: JSON.stringify(body),
    });

  /**
   * Posts updates, then a `/marker` command to each chat involved (a chat's updates reach the core
   * in order), and returns the events the updates produced once every marker has arrived.
   */
  async function deliver(...updates: unknown[]) {
    const chats = new Map<number, object>();
    for (const update of updates) {
      const { message: sent, callback_query: query } = update as Partial<
        Record<string, { chat?: object; message?: { chat: object } }>
      >;
      const chat = (sent?.chat ?? query?.message?.chat) as { id: number };
      chats.set(chat.id, chat);
      expect((await post(update)).status).toBe(200);
    }
    for (const chat of chats.values()) await post(message({ text: "/marker" }, chat));
    const isMarker = (event: (typeof bot.events)[number]) =>
      event.type === "command" && event.command === "marker";
    await expect.poll(() => bot.events.filter(isMarker).length).toBe(chats.size);
    const events = bot.events.filter((event) => !isMarker(event));
    bot.events.length = 0;
    return events;
  }

  beforeAll(async () => {
    api = await startFakeBotApi();
    adapter = createTelegramAdapter({
      token: TEST_TOKEN,
      apiRoot: api.apiRoot,
      logger: createSilentLogger(),
      webhook: { url: `https://bot.example.com${PATH}`, secret: SECRET },
    });
  });
  afterEach(() => {
    api.calls.length = 0;
  });
  afterAll(async () => {
    await adapter.stop();
    await api.close();
  });

  it("answers 503 before start, then sets the webhook with the secret and reports up", async () => {
    expect((await post(message({ text: "early" }))).status).toBe(503);
    await adapter.start(bot.port);
    expect(api.callsTo("setWebhook")[0]?.body).toEqual({
      url: `https://bot.example.com${PATH}`,
      secret_token: SECRET,
      allowed_updates: ["message", "callback_query"],
    });
    expect(api.callsTo("getUpdates")).toHaveLength(0);
    expect(adapter.health()).toEqual({
      status: "up",
      detail: `webhook set to https://bot.example.com${PATH}`,
    });
  });

  it("rejects requests without or with a wrong secret and processes none of them", async () => {
    const update = message({ text: "hello" }, { id: 9, type: "private" });
    expect((await post(update, null)).status).toBe(401);
    expect((await post(update, "not-the-secret")).status).toBe(403);
    expect((await post({ not: "an update" })).status).toBe(400);
    expect(await deliver()).toEqual([]);
    expect(await deliver(update)).toMatchObject([
      { type: "message", text: "hello", conversation: "telegram:9" },
    ]);
  });

  it("answers 413 to a body over the limit, chunked or not, and reads no stranger's body", async () => {
    const routes = adapter.routes as NonNullable<TelegramAdapter["routes"]>;
    const big = JSON.stringify(message({ text: "x".repeat(MAX_TELEGRAM_UPDATE_BYTES) }));
    const headers = { "content-type": "application/json", "X-Telegram-Bot-Api-Secret-Token": SECRET };
    expect((await routes.request(PATH, { method: "POST", headers, body: big })).status).toBe(413);
    let pulled = 0;
    const chunked = () =>
      new ReadableStream<Uint8Array>({
        pull(controller) {
          if (pulled >= 4 * MAX_TELEGRAM_UPDATE_BYTES) return controller.close();
          pulled += 16 * 1024;
          controller.enqueue(new TextEncoder().encode(" ".repeat(16 * 1024)));
        },
      });
    const streamed = { method: "POST", headers, body: chunked(), duplex: "half" } as RequestInit;
    expect((await routes.request(PATH, streamed)).status).toBe(413);
    expect(pulled).toBeLessThan(2 * MAX_TELEGRAM_UPDATE_BYTES);
    // Without the secret the body is not even read.
    pulled = 0;
    const stranger = {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: chunked(),
      duplex: "half",
    };
    expect((await routes.request(PATH, stranger as RequestInit)).status).toBe(401);
    expect(pulled).toBeLessThanOrEqual(64 * 1024);
  });

  it("ignores group talk that is not for the bot", async () => {
    const events = await deliver(
      message({ text: "anyone know when the sale ends?" }),
      message({ text: "/help@SomeOtherBot" }),
      message({ text: "ping @someone_else" }),
      message({ text: "nice", reply_to_message: { message_id: 5, from: { id: 99, is_bot: false } } }),
    );
    expect(events).toEqual([]);
  });

  it("handles mentions, replies and commands in groups with scope group", async () => {
    const mention = `@${FAKE_BOT.username}`;
    const events = await deliver(
      message({
        text: `${mention} how do I reset my password?`,
        entities: [{ type: "mention", offset: 0, length: mention.length }],
      }),
      message({ text: "and on mobile?", reply_to_message: { message_id: 7, from: FAKE_BOT } }),
      message({
        text: `/Ticket@${FAKE_BOT.username} card declined`,
        entities: [{ type: "bot_command", offset: 0, length: 26 }],
      }),
      message({ text: "/status" }),
    );
    expect(events).toMatchObject([
      {
        type: "message",
        text: "how do I reset my password?",
        scope: "group",
        conversation: `telegram:${GROUP.id}`,
      },
      { type: "message", text: "and on mobile?", scope: "group" },
      { type: "command", command: "ticket", args: "card declined", scope: "group" },
      { type: "command", command: "status", args: "", scope: "group" },
    ]);
  });

  it("maps /start with a deep-link payload in private, and forum topics to a thread address", async () => {
    const events = await deliver(
      message({ text: "/start q_4f1c-9" }, { id: 31, type: "private" }),
      message({ text: `@${FAKE_BOT.username} hi`, is_topic_message: true, message_thread_id: 8 }),
    );
    // Different chats are handled concurrently: compare in update order.
    events.sort((a, b) => Number(a.id) - Number(b.id));
    expect(events).toMatchObject([
      { type: "command", command: "start", args: "q_4f1c-9", scope: "private", conversation: "telegram:31" },
      { type: "message", text: "hi", conversation: `telegram:${GROUP.id}:8` },
    ]);
  });

  it("turns a button press into an action, answers it and strips the callback buttons", async () => {
    await adapter.send(
      { address: { channel: "telegram", conversation: "31" } },
      {
        text: "Did you mean?",
        buttons: [
          { kind: "action", label: "Refunds", action: "faq.pick", value: "refund-policy" },
          { kind: "link", label: "Help centre", url: "https://example.com/help" },
        ],
      },
    );
    const markup = api.callsTo("sendMessage")[0]?.body.reply_markup as {
      inline_keyboard: { callback_data?: string }[][];
    };
    const press = (id: string) => ({
      update_id: ++updateId,
      callback_query: {
        id,
        from: customer,
        data: markup.inline_keyboard[0]?.[0]?.callback_data,
        message: { message_id: 101, chat: { id: 31, type: "private" }, reply_markup: markup },
      },
    });
    const events = await deliver(press("cb-1"), press("cb-2"));
    expect(events).toEqual([
      expect.objectContaining({
        type: "action",
        action: "faq.pick",
        value: "refund-policy",
        conversation: "telegram:31",
      }),
    ]);
    // Answering a press runs beside its turn, not before the chat's next update: wait for both.
    await expect.poll(() => api.callsTo("answerCallbackQuery").length).toBe(2);
    const answers = api.callsTo("answerCallbackQuery").map((call) => call.body);
    expect(answers[0]).toEqual({ callback_query_id: "cb-1" });
    expect(answers[1]).toEqual({ callback_query_id: "cb-2", text: coreMessages.t("en", "clarify.expired") });
    expect(api.callsTo("editMessageReplyMarkup").map((call) => call.body)).toEqual([
      {
        chat_id: 31,
        message_id: 101,
        reply_markup: { inline_keyboard: [[{ text: "Help centre", url: "https://example.com/help" }]] },
      },
    ]);
  });

  it("answers an unknown or expired button in the user's language without calling the core", async () => {
    const events = await deliver({
      update_id: ++updateId,
      callback_query: {
        id: "cb-old",
        from: { ...customer, language_code: "ko" },
        data: "#forgotten-id",
        message: { message_id: 55, chat: { id: 31, type: "private" } },
      },
    });
    expect(events).toEqual([]);
    await expect.poll(() => api.callsTo("answerCallbackQuery").length).toBe(1);
    expect(api.callsTo("answerCallbackQuery")[0]?.body).toEqual({
      callback_query_id: "cb-old",
      text: coreMessages.t("ko", "clarify.expired"),
    });
  });
});
