import { splitText } from "../../../src/core/outbound-adapt.ts";
import { renderTelegramHtml } from "../../../src/markdown/render-telegram-html.ts";

/**
 * Telegram's limit for one message: 4,096 characters *after entities parsing*, so tags and
 * entities such as `&amp;` do not count, only the text a reader sees.
 * @see https://core.telegram.org/bots/api#sendmessage
 */
export const TELEGRAM_MAX_MESSAGE_LENGTH = 4_096;

// A tag of the HTML this module renders. `[^<>]`, not `[^>]`: from a `<` without `>` the scan
// stops at the next `<` instead of running to the end of the text once per `<` (quadratic).
const TAG = /<[^<>]*>/g;
const LINK_OPEN = /^<a href="([^"]*)">$/;

/** Length of rendered HTML as Telegram counts it: without tags, an entity counting as one character. */
export function visibleLength(html: string): number {
  return html.replace(TAG, "").replace(/&(?:amp|lt|gt|quot);/g, "&").length;
}

/** Strips rendered HTML back to plain text (the fallback when Telegram refuses the markup). */
export function htmlToPlain(html: string): string {
  // Links become "label (url)": the url is remembered at <a> and written at </a>.
  const open: string[] = [];
  return html
    .replace(TAG, (tag) => {
      const link = LINK_OPEN.exec(tag);
      if (link) open.push(link[1] ?? "");
      else if (tag === "</a>" && open.length > 0) return ` (${open.pop()})`;
      return "";
    })
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&quot;", '"')
    .replaceAll("&amp;", "&");
}

/**
 * Renders a message and guarantees every part fits `limit` as Telegram counts it. The core already
 * split the Markdown to `capabilities.maxMessageLength`; rendering never lengthens visible text, but
 * the parts are measured again after rendering and re-split if that ever changes.
 */
export function renderTelegramParts(markdown: string, limit = TELEGRAM_MAX_MESSAGE_LENGTH): string[] {
  // Rendering never lengthens the visible text: a longer text is split before it is rendered.
  if (markdown.length > limit)
    return splitText(markdown, limit).flatMap((part) => renderTelegramParts(part, limit));
  const html = renderTelegramHtml(markdown);
  if (visibleLength(html) <= limit) return [html];
  const smaller = Math.max(1, Math.floor(limit * 0.9));
  return splitText(markdown, smaller).flatMap((part) =>
    part.length < markdown.length ? renderTelegramParts(part, limit) : [renderTelegramHtml(part)],
  );
}
