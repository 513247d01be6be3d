import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  createTelegramAdapter,
  type TelegramAdapter,
} from "../../../../adapters/channels/telegram/telegram-adapter.ts";
import { createSilentLogger } from "../../../../src/core/logger.ts";
import { ConfigError, NetworkError, PlatformError } from "../../../../src/model/errors.ts";
import {
  createRecordingBot,
  dropConnection,
  FAKE_BOT,
  type FakeBotApi,
  startFakeBotApi,
  TEST_TOKEN,
  telegramError,
} from "./fake-bot-api.ts";

const logger = createSilentLogger();
const chat = { address: { channel: "telegram", conversation: "777" } };

describe("Telegram adapter: start-up and polling (captured requests)", () => {
  let api: FakeBotApi;
  let adapter: TelegramAdapter | undefined;

  beforeAll(async () => {
    api = await startFakeBotApi();
  });
  afterEach(async () => {
    await adapter?.stop();
    adapter = undefined;
    api.calls.length = 0;
    api.on("getUpdates", () => undefined);
  });
  afterAll(() => api.close());

  const polling = (bot = createRecordingBot()) => {
    adapter = createTelegramAdapter({
      token: TEST_TOKEN,
      apiRoot: api.apiRoot,
      logger,
      polling: { timeoutSeconds: 0, idleDelayMs: 10, maxBackoffMs: 20 },
      typingIntervalMs: 25,
    });
    return { adapter, bot };
  };

  it("registers English and Korean commands, clears any webhook and starts polling", async () => {
    const { adapter, bot } = polling();
    expect(adapter.health().status).toBe("starting");
    await adapter.start(bot.port);
    const [english, korean] = api.callsTo("setMyCommands");
    expect(english?.body.language_code).toBeUndefined();
    expect(english?.body.commands).toContainEqual({
      command: "ticket",
      description: "Open a support ticket",
    });
    expect(english?.body.commands).toHaveLength(7);
    expect(korean?.body).toMatchObject({ language_code: "ko" });
    expect(korean?.body.commands).toContainEqual({ command: "human", description: "상담원 연결" });
    expect(api.callsTo("deleteWebhook")).toHaveLength(1);
    await expect.poll(() => adapter.health()).toEqual({ status: "up", detail: "long polling" });
    expect(api.callsTo("getUpdates")[0]?.body).toMatchObject({
      allowed_updates: ["message", "callback_query"],
    });
  });

  it("keeps starting when the server does not support setMyCommands", async () => {
    api.on("setMyCommands", () => ({
      status: 500,
      body: { message: "API method 'setMyCommands' is not supported." },
    }));
    const { adapter, bot } = polling();
    await adapter.start(bot.port);
    expect(api.callsTo("setMyCommands")).toHaveLength(1);
    await expect.poll(() => adapter.health().status).toBe("up");
    api.on("setMyCommands", () => undefined);
  });

  it("hands polled updates to the core, moves the offset on, and shows typing while the core works", async () => {
    const { adapter, bot } = polling(createRecordingBot({ delayMs: 80 }));
    await adapter.start(bot.port);
    api.queueUpdates({
      update_id: 900,
      message: {
        message_id: 1,
        date: 1_700_000_000,
        chat: { id: 777, type: "private" },
        from: { id: 777, is_bot: false, first_name: "Ji-woo", last_name: "Kim", language_code: "ko" },
        text: "환불 받을 수 있나요?",
      },
    });
    await expect.poll(() => bot.events.length).toBe(1);
    expect(bot.events[0]).toMatchObject({
      id: "900",
      type: "message",
      conversation: "telegram:777",
      scope: "private",
      text: "환불 받을 수 있나요?",
      user: { channel: "telegram", id: "777", displayName: "Ji-woo Kim", locale: "ko" },
      timestamp: "2023-11-14T22:13:20.000Z",
    });
    await expect.poll(() => api.callsTo("getUpdates").some((call) => call.body.offset === 901)).toBe(true);
    const typing = api.callsTo("sendChatAction");
    expect(typing[0]?.body).toEqual({ chat_id: 777, action: "typing" });
    // Renewed during the 80 ms turn (every 25 ms), then stopped.
    expect(typing.length).toBeGreaterThanOrEqual(2);
    const count = typing.length;
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(api.callsTo("sendChatAction").length).toBe(count);
  });

  it("reports degraded while polling fails and up again once it recovers", async () => {
    const { adapter, bot } = polling();
    api.on("getUpdates", (_body, nth) => (nth <= 3 ? { status: 502, body: {} } : undefined));
    await adapter.start(bot.port);
    await expect.poll(() => adapter.health().status).toBe("degraded");
    expect(adapter.health().detail).toMatch(/polling error: Telegram failed getUpdates \(502\)/);
    await expect.poll(() => adapter.health().status).toBe("up");
  });

  it("fails start-up with what to do when the token is rejected", async () => {
    api.on("getMe", () => telegramError(401, "Unauthorized"));
    const { adapter, bot } = polling();
    const failure = adapter.start(bot.port);
    await expect(failure).rejects.toBeInstanceOf(ConfigError);
    await expect(failure).rejects.toThrow(/TELEGRAM_BOT_TOKEN is invalid.*@BotFather/);
    api.on("getMe", () => undefined);
  });

  it("gives a deep link for continuing privately", async () => {
    const { adapter, bot } = polling();
    await adapter.start(bot.port);
    const continuation = await adapter.openPrivateConversation?.({
      conversation: "telegram:-100123",
      userId: "777",
      token: "q_4f1c-9",
    });
    expect(continuation).toEqual({ link: `https://t.me/${FAKE_BOT.username}?start=q_4f1c-9` });
    await expect(
      adapter.openPrivateConversation?.({ conversation: "telegram:-1", userId: "1", token: "has space" }),
    ).rejects.toThrow(/A–Z/);
  });
});

describe("Telegram adapter: sending (captured requests)", () => {
  let api: FakeBotApi;
  let adapter: TelegramAdapter;
  const bot = createRecordingBot();

  beforeAll(async () => {
    api = await startFakeBotApi();
    adapter = createTelegramAdapter({
      token: TEST_TOKEN,
      apiRoot: api.apiRoot,
      logger,
      webhook: { url: "https://bot.example.com/telegram/hook", secret: "s3cret" },
      retry: { baseDelayMs: 10, maxAttempts: 3 },
    });
    await adapter.start(bot.port);
  });
  afterEach(() => {
    api.calls.length = 0;
    api.on("sendMessage", () => undefined);
  });
  afterAll(async () => {
    await adapter.stop();
    await api.close();
  });

  const sent = () => api.callsTo("sendMessage").map((call) => call.body);

  it("sends HTML with an inline keyboard of callback and URL buttons", async () => {
    await adapter.send(
      { address: { ...chat.address, thread: "12" } },
      {
        text: "Pick **one** <of these>",
        buttons: [
          { kind: "action", label: "Refunds", action: "faq.pick", value: "refund-policy" },
          { kind: "link", label: "Billing", url: "https://example.com/billing" },
        ],
      },
    );
    expect(sent()).toEqual([
      {
        chat_id: 777,
        message_thread_id: 12,
        text: "Pick <b>one</b> &lt;of these&gt;",
        parse_mode: "HTML",
        reply_markup: {
          inline_keyboard: [
            [{ text: "Refunds", callback_data: ":faq.pick|refund-policy" }],
            [{ text: "Billing", url: "https://example.com/billing" }],
          ],
        },
      },
    ]);
  });

  it("on 429 waits retry_after and retries, keeping the chat's messages in order", async () => {
    api.on("sendMessage", (body, nth) =>
      nth === 1 && body.text === "first"
        ? telegramError(429, "Too Many Requests: retry after 1", { retry_after: 1 })
        : undefined,
    );
    const started = Date.now();
    await Promise.all([adapter.send(chat, { text: "first" }), adapter.send(chat, { text: "second" })]);
    expect(sent().map((body) => body.text)).toEqual(["first", "first", "second"]);
    const [, retried] = api.callsTo("sendMessage");
    expect((retried?.at ?? 0) - started).toBeGreaterThanOrEqual(950);
  });

  it("on 403 reports the conversation undeliverable and does not retry", async () => {
    api.on("sendMessage", () => telegramError(403, "Forbidden: bot was blocked by the user"));
    await adapter.send(chat, { text: "Are you still there?" });
    expect(sent()).toHaveLength(1);
    await expect
      .poll(() => bot.undeliverable)
      .toEqual([
        { conversation: "telegram:777", reason: expect.stringMatching(/bot was blocked by the user/) },
      ]);
  });

  it("raises other 4xx as PlatformError without retrying", async () => {
    api.on("sendMessage", () => telegramError(400, "Bad Request: chat not found"));
    const failure = adapter.send(chat, { text: "hello" });
    await expect(failure).rejects.toBeInstanceOf(PlatformError);
    await expect(failure).rejects.toMatchObject({ status: 400, code: "PLATFORM_REJECTED" });
    expect(sent()).toHaveLength(1);
  });

  it("resends as plain text when Telegram cannot parse the HTML", async () => {
    api.on("sendMessage", (body) =>
      body.parse_mode
        ? telegramError(400, "Bad Request: can't parse entities: unexpected end tag")
        : undefined,
    );
    await adapter.send(chat, { text: "See [docs](https://example.com/docs) & **more**" });
    expect(sent()[1]).toEqual({ chat_id: 777, text: "See docs (https://example.com/docs) & more" });
  });

  it("retries network failures with back-off, then raises NetworkError and reports degraded", async () => {
    api.on("sendMessage", () => dropConnection);
    const failure = adapter.send(chat, { text: "hello" });
    await expect(failure).rejects.toBeInstanceOf(NetworkError);
    await expect(failure).rejects.toThrow(/Could not reach the Telegram Bot API for sendMessage/);
    expect(sent()).toHaveLength(3);
    expect(adapter.health()).toMatchObject({
      status: "degraded",
      detail: expect.stringMatching(/^sending failed/),
    });
    api.on("sendMessage", () => undefined);
    await adapter.send(chat, { text: "hello again" });
    expect(adapter.health().status).toBe("up");
  });

  it("keeps a long value's button working through a short id", async () => {
    const value = "a-very-long-knowledge-base-entry-identifier-that-does-not-fit-in-64-bytes";
    await adapter.send(chat, {
      text: "Choose",
      buttons: [{ kind: "action", label: "Long", action: "faq.pick", value }],
    });
    const keyboard = sent()[0]?.reply_markup as { inline_keyboard: { callback_data: string }[][] };
    const data = keyboard.inline_keyboard[0]?.[0]?.callback_data ?? "";
    expect(data).toMatch(/^#[\w-]{12}$/);
    expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64);
  });
});
