import type { BotPort } from "../../../src/core/adapter.ts";
import { coreMessages } from "../../../src/core/core-messages.ts";
import type { Logger } from "../../../src/core/logger.ts";
import { isSupportedLanguage } from "../../../src/i18n/languages.ts";
import type { InboundEventInput } from "../../../src/model/events.ts";
import type { CallbackCodec } from "./callback-codec.ts";
import { withoutCallbackButtons } from "./inline-keyboard.ts";
import { LruMap } from "./lru-map.ts";
import type { Sender } from "./send-with-retry.ts";
import { type BotIdentity, type ChatRef, translateCallback, translateMessage } from "./translate-update.ts";

/** Handles the two update kinds the adapter subscribes to. */
export interface UpdateHandler {
  message(updateId: number, message: unknown, update: unknown): Promise<void>;
  callbackQuery(updateId: number, query: unknown, update: unknown): Promise<void>;
}

/**
 * Hands translated updates to the core in arrival order, with a typing indicator while the core
 * works. Each update reaches `bot.handle` before the adapter awaits anything, so the core's
 * per-conversation line sees a chat's updates in the order they came (a button press never
 * overtakes the message before it) and the adapter keeps no queue of its own. A pressed
 * keyboard is answered and stripped of its callback buttons first, and remembered, so a second
 * press — a double tap, or a stale copy on another device — is answered but not processed.
 */
export function createUpdateHandler(options: {
  bot: BotPort;
  me: BotIdentity;
  codec: CallbackCodec;
  sender: Sender;
  logger: Logger;
  typingIntervalMs: number;
}): UpdateHandler {
  const { bot, me, codec, sender, logger } = options;
  const pressed = new LruMap<string, true>(10_000);

  function quietly(method: string, payload: Record<string, unknown>): Promise<void> {
    return sender.once(method, payload).then(
      () => undefined,
      (error: unknown) =>
        logger.debug(
          { method, err: error instanceof Error ? error.message : String(error) },
          "Telegram call failed",
        ),
    );
  }

  /**
   * Telegram shows "typing…" for five seconds or until the bot's next message, so it is repeated
   * while the turn runs.
   * @see https://core.telegram.org/bots/api#sendchataction
   */
  function startTyping(chat: ChatRef): () => void {
    const payload = {
      chat_id: chat.chatId,
      action: "typing",
      ...(chat.threadId === undefined ? {} : { message_thread_id: chat.threadId }),
    };
    void quietly("sendChatAction", payload);
    const timer = setInterval(() => void quietly("sendChatAction", payload), options.typingIntervalMs);
    return () => clearInterval(timer);
  }

  async function runTurn(event: InboundEventInput, chat: ChatRef): Promise<void> {
    const stopTyping = startTyping(chat);
    try {
      await bot.handle(event);
    } catch (error) {
      logger.error(
        { err: error, conversation: event.conversation, update: event.id },
        "Telegram update failed",
      );
    } finally {
      stopTyping();
    }
  }

  return {
    async message(updateId, message, update) {
      const translated = translateMessage(updateId, message, me, update);
      if (translated.kind === "ignored") {
        logger.debug({ update: updateId, reason: translated.reason }, "Telegram message ignored");
        return;
      }
      const { event, chat } = translated;
      await runTurn(event, chat);
    },

    /** @see https://core.telegram.org/bots/api#answercallbackquery */
    async callbackQuery(updateId, query, update) {
      const translated = translateCallback(updateId, query, codec, update);
      if (translated.kind === "ignored") {
        logger.debug({ update: updateId, reason: translated.reason }, "Telegram callback query ignored");
        return;
      }
      const { chat, messageId, event, queryId } = translated;
      const language = translated.language?.slice(0, 2);
      const expiredText = coreMessages.t(isSupportedLanguage(language) ? language : "en", "clarify.expired");
      if (!chat) return quietly("answerCallbackQuery", { callback_query_id: queryId });
      const key = `${chat.chatId}:${messageId ?? `query-${queryId}`}`;
      const again = pressed.get(key) === true;
      pressed.set(key, true);
      const usable = event !== undefined && !again;
      // The turn enters the core's line first; answering the press and stripping the keyboard
      // run beside it (Telegram wants the answer fast, and the reply waits on the core anyway).
      await Promise.all([
        usable ? runTurn(event, chat) : undefined,
        quietly("answerCallbackQuery", {
          callback_query_id: queryId,
          ...(usable ? {} : { text: expiredText }),
        }),
        messageId === undefined || again
          ? undefined
          : quietly("editMessageReplyMarkup", {
              chat_id: chat.chatId,
              message_id: messageId,
              reply_markup: withoutCallbackButtons(translated.markup),
            }),
      ]);
    },
  };
}
