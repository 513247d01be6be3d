import { renderHtml } from "../../../src/markdown/render-html.ts";
import type { OutboundMessage } from "../../../src/model/outbound.ts";

/**
 * A bot message as the web chat receives it: the neutral message plus its text rendered as safe
 * HTML on the server (`src/markdown/render-html.ts`), which the page shows as is. The page has no
 * Markdown renderer of its own: one parser, tested here, decides what becomes markup.
 */
export type WebMessage = OutboundMessage & { html: string };

export function toWebMessage(message: OutboundMessage): WebMessage {
  return { ...message, html: renderHtml(message.text) };
}
