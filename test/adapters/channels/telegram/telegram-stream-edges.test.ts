import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { TELEGRAM_MAX_MESSAGE_LENGTH } from "../../../../adapters/channels/telegram/render-html.ts";
import {
  createTelegramAdapter,
  type TelegramAdapter,
} from "../../../../adapters/channels/telegram/telegram-adapter.ts";
import { createSilentLogger } from "../../../../src/core/logger.ts";
import {
  createRecordingBot,
  type FakeBotApi,
  startFakeBotApi,
  TEST_TOKEN,
  telegramError,
} from "./fake-bot-api.ts";

const chat = { address: { channel: "telegram", conversation: "777" } };
const buttons = [{ kind: "action" as const, label: "👍", action: "faq.feedback", value: "a:up" }];

/** How the Telegram stream handles what Telegram answers (captured requests, scripted errors). */
describe("Telegram adapter: streamed replies against a scripted Bot API", () => {
  let api: FakeBotApi;
  let adapter: TelegramAdapter;
  const bot = createRecordingBot();

  beforeAll(async () => {
    api = await startFakeBotApi();
    adapter = createTelegramAdapter({
      token: TEST_TOKEN,
      apiRoot: api.apiRoot,
      logger: createSilentLogger(),
      webhook: { url: "https://bot.example.com/telegram/webhook", secret: "s3cret" },
      streamIntervalMs: 0,
      retry: { baseDelayMs: 5 },
    });
    await adapter.start(bot.port);
  });
  afterEach(() => {
    api.calls.length = 0;
    api.on("editMessageText", () => undefined);
    api.on("sendMessage", () => undefined);
  });
  afterAll(async () => {
    await adapter.stop();
    await api.close();
  });

  const stream = (text: string) => {
    if (!adapter.openStream) throw new Error("the Telegram adapter cannot stream");
    return adapter.openStream(chat, { text });
  };

  it("sends, edits the same message in place, and puts the keyboard on the final edit", async () => {
    const live = await stream("Hel");
    await live.update("Hello **wor");
    await new Promise((resolve) => setTimeout(resolve, 20));
    await live.finish({ text: "Hello **world**", buttons });
    const [sent] = api.callsTo("sendMessage");
    expect(sent?.body).toMatchObject({ chat_id: 777, text: "Hel", parse_mode: "HTML" });
    const edits = api.callsTo("editMessageText").map((call) => call.body);
    expect(new Set(edits.map((body) => body.message_id)).size).toBe(1);
    expect(edits[0]?.message_id).toBeTypeOf("number");
    expect(edits.map((body) => body.text)).toEqual(["Hello **wor", "Hello <b>world</b>"]);
    expect(edits.at(-1)?.reply_markup).toMatchObject({ inline_keyboard: [[{ text: "👍" }]] });
  });

  it("keeps an intermediate text within Telegram's limit", async () => {
    const live = await stream("x".repeat(TELEGRAM_MAX_MESSAGE_LENGTH + 50));
    await live.finish({ text: "short" });
    expect(String(api.callsTo("sendMessage")[0]?.body.text)).toHaveLength(TELEGRAM_MAX_MESSAGE_LENGTH);
  });

  it("takes 'message is not modified' as done, and sends the final text anew if the message was deleted", async () => {
    api.on("editMessageText", (_body, nth) =>
      nth === 1
        ? telegramError(400, "Bad Request: message is not modified")
        : telegramError(400, "Bad Request: message to edit not found"),
    );
    const live = await stream("Same");
    await live.update("Same ");
    await new Promise((resolve) => setTimeout(resolve, 20));
    await live.finish({ text: "Final answer", buttons });
    const sends = api.callsTo("sendMessage").map((call) => call.body);
    expect(sends.map((body) => body.text)).toEqual(["Same", "Final answer"]);
    expect(sends[1]?.reply_markup).toBeDefined();
  });

  it("reports a chat that blocked the bot and makes no edits", async () => {
    api.on("sendMessage", () => telegramError(403, "Forbidden: bot was blocked by the user"));
    const live = await stream("Hi");
    await live.update("Hi there");
    await live.finish({ text: "Hi there!" });
    expect(api.callsTo("editMessageText")).toHaveLength(0);
    await expect.poll(() => bot.undeliverable.map((entry) => entry.conversation)).toEqual(["telegram:777"]);
  });
});
