import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, describe, expect, it } from "vitest";
import {
  createTelegramAdapter,
  type TelegramAdapter,
} from "../../../../adapters/channels/telegram/telegram-adapter.ts";
import type { App } from "../../../../src/app/create-app.ts";
import { createSilentLogger } from "../../../../src/core/logger.ts";
import { createTestApp } from "../../../helpers/bot-harness.ts";
import { type FakeBotApi, startFakeBotApi, TEST_TOKEN } from "./fake-bot-api.ts";

const customer = { id: 58, is_bot: false, first_name: "Mina" };
const chat = { id: 58, type: "private" };
let updateId = 5000;
const message = (text: string) => ({
  update_id: ++updateId,
  message: { message_id: updateId, date: 1_700_000_000, chat, from: customer, text },
});

/**
 * The adapter keeps no queue of its own: a chat's updates keep their order because each reaches
 * the core before the adapter awaits anything, and the core's per-conversation line runs them in
 * that order — even when the first takes longest to understand.
 */
describe("Telegram adapter: a chat's updates are answered in order, by the core", () => {
  let api: FakeBotApi | undefined;
  let app: App | undefined;
  let adapter: TelegramAdapter | undefined;
  afterEach(async () => {
    await adapter?.stop();
    await app?.close();
    await api?.close();
  });

  for (const [lang, texts] of [
    ["en", ["first: how do I reset my password?", "second: can I get a refund?", "third: thanks"]],
    ["ko", ["첫째: 비밀번호를 잊어버렸어요", "둘째: 환불 받을 수 있나요?", "셋째: 감사합니다"]],
  ] as const) {
    it(`runs a slow first message before the two after it (${lang})`, async () => {
      api = await startFakeBotApi();
      const understood: string[] = [];
      const turns: string[] = [];
      app = await createTestApp(
        {},
        {
          understander: {
            async understand(text) {
              understood.push(text);
              // The first message is slow to understand: the later ones must still wait for it.
              if (text === texts[0]) await sleep(150);
              return { language: { code: lang, confidence: 1 } };
            },
          },
          onTurn: (result) => {
            if (!result.duplicate) turns.push(String(result.replies.length));
          },
        },
      );
      adapter = createTelegramAdapter({
        token: TEST_TOKEN,
        apiRoot: api.apiRoot,
        logger: createSilentLogger(),
        polling: { timeoutSeconds: 0, idleDelayMs: 10 },
        typingIntervalMs: 60_000,
      });
      app.channels.register(adapter);
      api.queueUpdates(...texts.map(message));
      await adapter.start(app.bot);
      await expect.poll(() => turns.length, { timeout: 5_000 }).toBe(3);
      expect(understood).toEqual(texts);
      const history = await app.transcript.list("telegram:58");
      expect(history.map((entry) => entry.text)).toEqual(texts);
    });
  }
});
