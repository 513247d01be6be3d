import { parseInline } from "../../src/core/markdown-inline.ts";
import { splitText } from "../../src/core/outbound-adapt.ts";

/**
 * Telegram's limit for one message: 4,096 characters *after entities parsing*, so tags and
 * entities such as `&amp;` do not count, only the text a reader sees.
 * @see https://core.telegram.org/bots/api#sendmessage
 */
export const TELEGRAM_MAX_MESSAGE_LENGTH = 4_096;

const LIST_ITEM = /^\s*(?:([-*])|(\d{1,3})[.)])\s+(.*)$/;
/**
 * Escapes text for Telegram's HTML parse mode: `<`, `>` and `&` always, `"` too since the result
 * may sit inside an attribute.
 * @see https://core.telegram.org/bots/api#html-style
 */
export function escapeHtml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;");
}

/**
 * Renders the core's Markdown subset (paragraphs, `**bold**`, `*italic*`, `` `code` ``,
 * `[label](url)`, `- ` and `1. ` lists) as Telegram HTML. Soft line breaks inside a paragraph join
 * with a space; list items keep their own line, with `•` for bullets. Anything that is not markup
 * is escaped, so user-supplied `<script>` shows as text.
 * @see https://core.telegram.org/bots/api#html-style
 */
export function renderTelegramHtml(markdown: string): string {
  return markdown
    .replaceAll("\r\n", "\n")
    .split(/\n[ \t]*\n/)
    .map((block) => block.trim())
    .filter((block) => block !== "")
    .map((block) => logicalLines(block).map(renderLine).join("\n"))
    .join("\n\n");
}

/** Joins soft-wrapped lines; a list item starts a new logical line. */
function logicalLines(block: string): string[] {
  const lines: string[] = [];
  for (const raw of block.split("\n")) {
    const line = raw.trim();
    if (line === "") continue;
    const last = lines.length - 1;
    if (last >= 0 && !LIST_ITEM.test(line)) lines[last] = `${lines[last]} ${line}`;
    else lines.push(line);
  }
  return lines;
}

function renderLine(line: string): string {
  const item = LIST_ITEM.exec(line);
  if (!item) return renderInline(line, false);
  const marker = item[1] ? "•" : `${item[2]}.`;
  return `${marker} ${renderInline(item[3] ?? "", false)}`;
}

/**
 * `nested` is true inside bold, italic or a link label: Telegram lets those contain each other but
 * not `code`, so a code span there is shown as plain text rather than risking "can't parse entities".
 */
function renderInline(text: string, nested: boolean): string {
  let out = "";
  for (const span of parseInline(text)) {
    if (span.kind === "text") out += escapeHtml(span.text);
    else if (span.kind === "code")
      out += nested ? escapeHtml(span.text) : `<code>${escapeHtml(span.text)}</code>`;
    else if (span.kind === "link") out += renderLink(span.label, span.url);
    else if (span.kind === "bold") out += `<b>${renderInline(span.markdown, true)}</b>`;
    else out += `<i>${renderInline(span.markdown, true)}</i>`;
  }
  return out;
}

function renderLink(label: string, url: string): string {
  // Telegram only accepts web links (and tg:// deep links) as href; show anything else as text.
  if (!/^(?:https?|tg):\/\//i.test(url)) return `${renderInline(label, true)} (${escapeHtml(url)})`;
  return `<a href="${escapeHtml(url)}">${renderInline(label, true)}</a>`;
}

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
  const html = renderTelegramHtml(markdown);
  if (visibleLength(html) <= limit) return [html];
  const smaller = Math.max(1, Math.floor(limit * 0.9));
  return splitText(markdown, markdown.length > limit ? limit : smaller).flatMap((part) =>
    part.length < markdown.length ? renderTelegramParts(part, limit) : [renderTelegramHtml(part)],
  );
}
