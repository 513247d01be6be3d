import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTelegramAdapter } from "../../../../adapters/channels/telegram/telegram-adapter.ts";
import { type App, createApp } from "../../../../src/app/create-app.ts";
import { createSilentLogger } from "../../../../src/core/logger.ts";
import type { TurnResult } from "../../../../src/core/turn-result.ts";
import { renderTelegramHtml } from "../../../../src/markdown/render-telegram-html.ts";
import { hasFixtureKb, testConfig } from "../../../helpers/bot-harness.ts";
import { createScriptUnderstander } from "../../../helpers/script-understander.ts";
import { type Emulator, freePort, TelegramServer } from "../../../helpers/telegram-emulator.ts";
import { fullTrace } from "../../../helpers/trace.ts";
import { type FakeOpenAiServer, startFakeOpenAiServer } from "../../../llm/helpers/fake-openai-server.ts";
import { streamedAnswer } from "../../../llm/helpers/streaming.ts";
import { TEST_TOKEN } from "./fake-bot-api.ts";

// The package's CommonJS export is the class itself; its typings describe it as `default`.
type Client = ReturnType<Emulator["getClient"]>;

interface BotMessage {
  messageId: number;
  message: { chat_id: number | string; text: string; reply_markup?: unknown };
}

const CHAT_ID = 6262;
const PHRASED = {
  en: "Press **Forgot password** on the sign-in page and follow the link in the e-mail.",
  ko: "로그인 화면에서 **비밀번호 찾기**를 누르고 메일의 링크를 따라가세요.",
};
const QUESTION = { en: "How do I reset my password?", ko: "비밀번호를 잊어버렸어요" };
const KB_EN =
  "Use **Forgot password** on the sign-in page. The reset link is valid for 1 hour; check your spam folder if it doesn't arrive.";

/** Streamed answers on Telegram: the real telegraf adapter against the telegram-test-api emulator. */
describe.skipIf(!hasFixtureKb)("Telegram: streamed answers (sendMessage, then editMessageText)", () => {
  let llm: FakeOpenAiServer;
  let emulator: Emulator;
  let client: Client;
  let app: App;
  const turns: TurnResult[] = [];
  /** The streamed message's text each time it was sent or edited. */
  const shown: string[] = [];

  const lastBotMessage = () => emulator.storage.botMessages.at(-1);

  beforeAll(async () => {
    llm = await startFakeOpenAiServer();
    emulator = new TelegramServer({ port: await freePort(), host: "127.0.0.1", storeTimeout: 60 });
    await emulator.start();
    const record = () => shown.push(String(lastBotMessage()?.message.text));
    emulator.on("AddedBotMessage", record);
    emulator.on("EditedMessageText", record);
    client = emulator.getClient(TEST_TOKEN, {
      chatId: CHAT_ID,
      userId: CHAT_ID,
      timeout: 8_000,
      interval: 20,
    });
    app = await createApp({
      config: testConfig({
        OPENAI_API_KEY: "sk-local-test",
        OPENAI_BASE_URL: llm.baseURL,
        LLM_CACHE_TTL_HOURS: "0",
      }),
      logger: createSilentLogger(),
      understander: createScriptUnderstander(),
      onTurn: (result) => turns.push(result),
    });
    const adapter = createTelegramAdapter({
      token: TEST_TOKEN,
      apiRoot: emulator.config.apiURL,
      logger: createSilentLogger(),
      polling: { timeoutSeconds: 0, idleDelayMs: 15 },
      streamIntervalMs: 30,
    });
    app.channels.register(adapter);
    await adapter.start(app.bot);
  });

  afterAll(async () => {
    await app?.close();
    await emulator?.stop();
    await llm?.close();
  });

  beforeEach(() => {
    llm.reset();
    shown.length = 0;
  });

  /** Asks in the chat and resolves with the bot messages the turn sent, as the history has them. */
  async function ask(text: string): Promise<BotMessage[]> {
    const before = turns.length;
    const known = new Set(emulator.storage.botMessages.map((stored) => stored.messageId));
    await client.sendMessage(client.makeMessage(text));
    await expect.poll(() => turns.length, { timeout: 10_000 }).toBe(before + 1);
    const history = (await client.getUpdatesHistory()) as unknown as BotMessage[];
    return history.filter((item) => "chat_id" in item.message && !known.has(item.messageId));
  }

  it.each(["en", "ko"] as const)(
    "edits one message as the answer grows, ending with the grounded answer (%s)",
    async (lang) => {
      llm.enqueue(streamedAnswer(["password-reset"], PHRASED[lang], { size: 5, chunkDelayMs: 25 }));
      const sent = await ask(QUESTION[lang]);

      expect(sent).toHaveLength(1);
      const final = renderTelegramHtml(PHRASED[lang]);
      expect(sent[0]?.message.text).toBe(final);
      const keyboard = sent[0]?.message.reply_markup as { inline_keyboard: { text: string }[][] };
      expect(keyboard.inline_keyboard.flat().map((button) => button.text)).toEqual(
        lang === "en" ? ["👍 Helpful", "👎 Not helpful"] : ["👍 도움 됐어요", "👎 도움 안 됐어요"],
      );
      // The customer saw it grow: a first, shorter text, edits, then the final edit.
      expect(shown.length).toBeGreaterThan(2);
      expect(shown[0]?.length).toBeLessThan(final.length);
      expect(final.startsWith(shown[0] ?? "?")).toBe(true);
      expect(shown.at(-1)).toBe(final);
      expect(fullTrace(turns.at(-1)?.trace ?? {}).llm?.citedIds).toEqual(["password-reset"]);
    },
  );

  it("replaces an answer that promises what the KB does not with the KB answer verbatim (English)", async () => {
    llm.enqueue(
      streamedAnswer(["password-reset"], "Press Forgot password, and I've refunded your last order.", {
        size: 5,
        chunkDelayMs: 10,
      }),
    );
    const sent = await ask(QUESTION.en);
    expect(shown[0]).toMatch(/^P/);
    expect(shown.some((text) => text.includes("refunded"))).toBe(true);
    expect(sent.map((item) => item.message.text)).toEqual([renderTelegramHtml(KB_EN)]);
    expect(fullTrace(turns.at(-1)?.trace ?? {}).llm?.fallback).toBe("unsupported_promise");
    const transcript = await app.transcript.list(`telegram:${CHAT_ID}`);
    expect(transcript.at(-1)?.replies.map((reply) => reply.text)).toEqual([KB_EN]);
  });

  it("replaces an answer citing an unknown entry with the KB answer verbatim (Korean)", async () => {
    llm.enqueue(streamedAnswer(["made-up-entry"], "모든 주문을 즉시 환불해 드립니다.", { size: 5 }));
    const sent = await ask(QUESTION.ko);
    expect(shown[0]).toMatch(/^모든/);
    expect(sent.map((item) => item.message.text)).toEqual([
      renderTelegramHtml(
        "로그인 화면의 **비밀번호 찾기**를 이용하세요. 재설정 링크는 1시간 동안 유효하며, 메일이 오지 않으면 스팸함을 확인해 주세요.",
      ),
    ]);
    expect(fullTrace(turns.at(-1)?.trace ?? {}).llm?.fallback).toBe("unknown_citation");
  });
});
