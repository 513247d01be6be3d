import { z } from "zod";
import type { Button } from "../../../src/model/outbound.ts";
import type { CallbackCodec } from "./callback-codec.ts";

/**
 * One inline keyboard button: a callback button or a URL button.
 * @see https://core.telegram.org/bots/api#inlinekeyboardbutton
 */
export type InlineButton = { text: string; callback_data: string } | { text: string; url: string };

/** @see https://core.telegram.org/bots/api#inlinekeyboardmarkup */
export interface InlineKeyboard {
  inline_keyboard: InlineButton[][];
}

const markupSchema = z.object({ inline_keyboard: z.array(z.array(z.unknown())) });
const urlButtonSchema = z.object({ text: z.string(), url: z.string() });

/**
 * Neutral buttons as an inline keyboard, one button per row: labels are whole questions (clarify
 * choices), which Telegram would truncate side by side on a phone.
 */
export function toInlineKeyboard(buttons: readonly Button[], codec: CallbackCodec): InlineKeyboard {
  return {
    inline_keyboard: buttons.map((button) => [
      button.kind === "action"
        ? { text: button.label, callback_data: codec.encode(button.action, button.value) }
        : { text: button.label, url: button.url },
    ]),
  };
}

/**
 * The keyboard of a message whose button was pressed, with the callback buttons taken away so they
 * cannot be pressed twice; URL buttons stay. An empty keyboard removes it.
 * @see https://core.telegram.org/bots/api#editmessagereplymarkup
 */
export function withoutCallbackButtons(markup: unknown): InlineKeyboard {
  const parsed = markupSchema.safeParse(markup);
  if (!parsed.success) return { inline_keyboard: [] };
  const rows = parsed.data.inline_keyboard
    .map((row) =>
      row.flatMap((button) => {
        const link = urlButtonSchema.safeParse(button);
        return link.success ? [{ text: link.data.text, url: link.data.url }] : [];
      }),
    )
    .filter((row) => row.length > 0);
  return { inline_keyboard: rows };
}
