import { z } from "zod";
import { createThrottledStream, type MessageStream } from "../../../src/core/adapter.ts";
import type { Logger } from "../../../src/core/logger.ts";
import type { Address } from "../../../src/model/address.ts";
import { PlatformError } from "../../../src/model/errors.ts";
import type { Button, OutboundMessage } from "../../../src/model/outbound.ts";
import type { CallbackCodec } from "./callback-codec.ts";
import { toInlineKeyboard } from "./inline-keyboard.ts";
import { renderTelegramParts, TELEGRAM_MAX_MESSAGE_LENGTH } from "./render-html.ts";

/** Where a message goes: the chat, and the forum topic when there is one. */
export interface ChatTarget {
  chat_id: number | string;
  message_thread_id?: number;
}

/** A conversation address as Bot API chat fields. */
export function chatOf(address: Address): ChatTarget {
  const chatId = /^-?\d+$/.test(address.conversation) ? Number(address.conversation) : address.conversation;
  return address.thread === undefined
    ? { chat_id: chatId }
    : { chat_id: chatId, message_thread_id: Number(address.thread) };
}

/**
 * A message's text and buttons as `sendMessage` payloads (without the chat): HTML parts that each
 * fit Telegram's limit, the inline keyboard under the last.
 * @see https://core.telegram.org/bots/api#sendmessage
 */
export function messagePayloads(
  markdown: string,
  buttons: readonly Button[],
  codec: CallbackCodec,
): Record<string, unknown>[] {
  const parts = renderTelegramParts(markdown);
  return parts.flatMap((html, index) => {
    const keyboard =
      index === parts.length - 1 && buttons.length > 0
        ? { reply_markup: toInlineKeyboard(buttons, codec) }
        : {};
    // Telegram refuses empty text; a keyboard still needs something to hang under.
    if (html.trim() === "" && !("reply_markup" in keyboard)) return [];
    return [{ text: html.trim() === "" ? "…" : html, parse_mode: "HTML", ...keyboard }];
  });
}

/** Telegram refuses an edit that changes nothing; for a stream that is success. */
export function isNotModified(error: unknown): boolean {
  return (
    error instanceof PlatformError && error.status === 400 && /message is not modified/i.test(error.message)
  );
}

function isGone(error: unknown): boolean {
  return (
    error instanceof PlatformError && error.status === 400 && /message to edit not found/i.test(error.message)
  );
}

/** Text still being written, cut to fit one message, as HTML. */
function partialHtml(markdown: string): string {
  const limit = TELEGRAM_MAX_MESSAGE_LENGTH;
  const cut = markdown.length < limit ? markdown : `${markdown.slice(0, limit - 1)}…`;
  const html = renderTelegramParts(cut)[0] ?? "";
  return html.trim() === "" ? "…" : html;
}

const sentSchema = z.object({ message_id: z.number().int() });

export interface TelegramStreamDeps {
  /** A queued, retried call with the adapter's error handling; `undefined` when the chat is gone. */
  deliver(method: "sendMessage" | "editMessageText", payload: Record<string, unknown>): Promise<unknown>;
  /** One attempt, no queue: intermediate edits are cosmetic and skipped when Telegram is busy. */
  attempt(method: string, payload: Record<string, unknown>): Promise<unknown>;
  codec: CallbackCodec;
  intervalMs: number;
  logger: Logger;
}

/**
 * A streamed reply on Telegram: `sendMessage` with the first text, `editMessageText` as it grows
 * (throttled; Telegram allows about one message or edit per second in a chat), and a final edit
 * with the whole text and the inline keyboard. A final text longer than one message goes on in new
 * messages; if the customer deleted the streamed message, the final one is sent anew.
 * @see https://core.telegram.org/bots/api#editmessagetext
 * @see https://core.telegram.org/bots/faq#my-bot-is-hitting-limits-how-do-i-avoid-this
 */
export async function openTelegramStream(
  target: ChatTarget,
  initial: OutboundMessage,
  deps: TelegramStreamDeps,
): Promise<MessageStream> {
  const sent = await deps.deliver("sendMessage", {
    ...target,
    text: partialHtml(initial.text),
    parse_mode: "HTML",
  });
  const parsed = sentSchema.safeParse(sent);
  const messageId = parsed.success ? parsed.data.message_id : undefined;
  const edited = { chat_id: target.chat_id, message_id: messageId };

  async function sendAnew(payloads: Record<string, unknown>[]): Promise<void> {
    for (const payload of payloads) {
      if ((await deps.deliver("sendMessage", { ...target, ...payload })) === undefined) return;
    }
  }

  return createThrottledStream({
    shown: initial.text,
    intervalMs: deps.intervalMs,
    async edit(text) {
      if (messageId === undefined) return;
      await deps
        .attempt("editMessageText", { ...edited, text: partialHtml(text), parse_mode: "HTML" })
        .catch((error: unknown) => {
          if (!isNotModified(error)) throw error;
        });
    },
    async finish(final) {
      const [first, ...rest] = messagePayloads(final.text, final.buttons ?? [], deps.codec);
      if (!first) return;
      // No message to edit: the chat refused the first send, or Telegram did not say its id.
      if (sent === undefined) return;
      if (messageId === undefined) return sendAnew([first, ...rest]);
      try {
        if ((await deps.deliver("editMessageText", { ...edited, ...first })) === undefined) return;
      } catch (error) {
        if (!isGone(error)) throw error;
        return sendAnew([first, ...rest]);
      }
      await sendAnew(rest);
    },
    onError: (error) =>
      deps.logger.debug(
        { err: error instanceof Error ? error.message : String(error) },
        "intermediate Telegram edit skipped",
      ),
  });
}
