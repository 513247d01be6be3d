import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createTelegramAdapter,
  type TelegramAdapter,
} from "../../../../adapters/channels/telegram/telegram-adapter.ts";
import { commandMessages } from "../../../../flows/commands/command-messages.ts";
import { type App, createApp } from "../../../../src/app/create-app.ts";
import { createSilentLogger } from "../../../../src/core/logger.ts";
import type { TurnResult } from "../../../../src/core/turn-result.ts";
import { renderTelegramHtml } from "../../../../src/markdown/render-telegram-html.ts";
import { hasFixtureKb, testConfig } from "../../../helpers/bot-harness.ts";
import { type Emulator, freePort, TelegramServer } from "../../../helpers/telegram-emulator.ts";
import { TEST_TOKEN } from "./fake-bot-api.ts";

// The package's CommonJS export is the class itself; its typings describe it as `default`.
type Client = ReturnType<Emulator["getClient"]>;

interface BotMessage {
  messageId: number;
  message: { chat_id: number | string; text: string; parse_mode?: string; reply_markup?: unknown };
}
interface Keyboard {
  inline_keyboard: { text: string; callback_data?: string; url?: string }[][];
}

const CHAT_ID = 5151;

describe.skipIf(!hasFixtureKb)(
  "Telegram adapter against the telegram-test-api emulator (real telegraf, polling)",
  () => {
    let emulator: Emulator;
    let client: Client;
    let app: App;
    let adapter: TelegramAdapter;
    const turns: TurnResult[] = [];

    /** Sends through the emulated client and waits for the bot's next messages in this chat. */
    async function exchange(send: () => Promise<unknown>): Promise<BotMessage[]> {
      await send();
      const updates = (await client.getUpdates()) as unknown as { result: BotMessage[] };
      return updates.result;
    }

    beforeAll(async () => {
      const port = await freePort();
      emulator = new TelegramServer({ port, host: "127.0.0.1", storeTimeout: 60 });
      await emulator.start();
      client = emulator.getClient(TEST_TOKEN, {
        chatId: CHAT_ID,
        userId: CHAT_ID,
        timeout: 8_000,
        interval: 20,
      });
      app = await createApp({
        config: testConfig(),
        logger: createSilentLogger(),
        onTurn: (result) => turns.push(result),
      });
      adapter = createTelegramAdapter({
        token: TEST_TOKEN,
        apiRoot: emulator.config.apiURL,
        logger: createSilentLogger(),
        polling: { timeoutSeconds: 0, idleDelayMs: 15 },
      });
      app.channels.register(adapter);
      await adapter.start(app.bot);
    });

    afterAll(async () => {
      await app?.close(); // stops the adapter's polling loop
      await emulator?.stop();
    });

    it("polls the emulator and reports up", async () => {
      await expect.poll(() => adapter.health().status).toBe("up");
      expect(adapter.health().detail).toBe("long polling");
    });

    it("answers /start with the help text, rendered as Telegram HTML", async () => {
      const [reply] = await exchange(() => client.sendCommand(client.makeCommand("/start")));
      expect(reply?.message.parse_mode).toBe("HTML");
      const help = commandMessages.t("en", "help.text", { bot: app.config.BOT_NAME });
      expect(reply?.message.text).toBe(renderTelegramHtml(help));
      expect(reply?.message.text).toContain("<b>/help</b>");
      expect(String(reply?.message.chat_id)).toBe(String(CHAT_ID));
    });

    it("answers an FAQ question in English", async () => {
      const [reply] = await exchange(() =>
        client.sendMessage(client.makeMessage("How do I reset my password?")),
      );
      expect(reply?.message.text).toMatch(/password/i);
      expect(turns.at(-1)?.trace.action).toBe("answer");
    });

    it("answers an FAQ question in Korean", async () => {
      const [reply] = await exchange(() => client.sendMessage(client.makeMessage("비밀번호를 잊어버렸어요")));
      expect(reply?.message.text).toMatch(/비밀번호/);
      expect(turns.at(-1)?.trace.action).toBe("answer");
    });

    it("offers a clarify keyboard, answers the pressed choice and removes the keyboard", async () => {
      const [question] = await exchange(() => client.sendMessage(client.makeMessage("결제")));
      expect(turns.at(-1)?.trace.action).toBe("clarify");
      const keyboard = question?.message.reply_markup as Keyboard;
      const [first] = keyboard.inline_keyboard.map((row) => row[0]);
      expect(first?.callback_data).toBeTypeOf("string");
      const { kb } = app.knowledge.current();
      const chosen = kb.entries.find((entry) => entry.questions.ko?.[0] === first?.text);
      expect(chosen, `a KB entry titled ${first?.text}`).toBeDefined();

      const press = client.makeCallbackQuery(first?.callback_data ?? "", {
        message: { message_id: question?.messageId },
      });
      const [answer] = await exchange(() => client.sendCallback(press));
      expect(turns.at(-1)?.trace).toMatchObject({ action: "answer", faqId: chosen?.id });
      expect(answer?.message.text.length).toBeGreaterThan(20);

      const history = (await client.getUpdatesHistory()) as unknown as BotMessage[];
      const edited = history.find((item) => item.messageId === question?.messageId);
      expect(edited?.message.reply_markup).toEqual({ inline_keyboard: [] });
    });

    it("delivers a proactive message (an agent's reply) into the chat", async () => {
      const [relayed] = await exchange(() =>
        app.bot.proactive(`telegram:${CHAT_ID}`, "agent:test", (ctx) =>
          ctx.reply("Hi, this is Mina from support"),
        ),
      );
      expect(relayed?.message.text).toBe("Hi, this is Mina from support");
    });

    it("opens a ticket from Telegram through the category keyboard", async () => {
      // The chat asked in Korean before; pin English for this exchange.
      await exchange(() => client.sendCommand(client.makeCommand("/lang en")));
      const [ask] = await exchange(() => client.sendCommand(client.makeCommand("/ticket")));
      expect(ask?.message.text).toMatch(/What is it about\?/);
      const buttons = (ask?.message.reply_markup as Keyboard | undefined)?.inline_keyboard.flat() ?? [];
      const technical = buttons.find((button) => button.text === "Technical problem");
      const press = client.makeCallbackQuery(technical?.callback_data ?? "", {
        message: { message_id: ask?.messageId },
      });
      const [describe] = await exchange(() => client.sendCallback(press));
      expect(describe?.message.text).toMatch(/describe the problem/);
      const [ack] = await exchange(() =>
        client.sendMessage(client.makeMessage("The app crashes every time I open my library")),
      );
      expect(ack?.message.text).toMatch(/I've opened ticket <b>T-\d+<\/b> \(Technical problem/);
      expect(turns.at(-1)?.trace).toMatchObject({ action: "ticket", ticket: { category: "technical" } });
    });

    it("hands off to a person: the desk's claim and reply arrive in the chat, the bot stays silent", async () => {
      const conversation = `telegram:${CHAT_ID}`;
      const [queued] = await exchange(() => client.sendCommand(client.makeCommand("/human")));
      expect(queued?.message.text).toMatch(/passed your conversation to our support team/);
      const [joined] = await exchange(() => app.handoff.claim(conversation, { id: "U1", name: "Mina" }));
      expect(joined?.message.text).toBe("Mina from support has joined the conversation.");
      const before = turns.length;
      await client.sendMessage(client.makeMessage("My library is empty since yesterday"));
      await expect.poll(() => turns.length).toBe(before + 1);
      expect(turns.at(-1)?.replies).toEqual([]);
      const lines = (await app.localDesk?.lines(conversation)) ?? [];
      expect(lines.at(-1)).toMatchObject({ from: "customer", text: "My library is empty since yesterday" });
      const [relayed] = await exchange(() =>
        app.handoff.reply(conversation, { id: "U1", name: "Mina" }, "I'm checking your **library** now"),
      );
      expect(relayed?.message.text).toBe("<b>Mina:</b> I'm checking your <b>library</b> now");
    });
  },
);
