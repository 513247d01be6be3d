import { type ChatRenderer, layoutChat, listMarker } from "./chat-layout.ts";
import { isAllowedUrl, isBareLink } from "./link-policy.ts";
import { inlineText, type MdInline, type MdRoot } from "./model.ts";
import { parseMarkdown } from "./parse.ts";

/**
 * Escapes text for Telegram's HTML parse mode: `<`, `>` and `&` always, `"` too since the result
 * may sit inside an attribute.
 * @see https://core.telegram.org/bots/api#html-style
 */
export function escapeTelegramHtml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;");
}

/**
 * `nested` is true inside bold, italic or a link: Telegram lets those contain each other but not
 * `code`, so a code span there is shown as plain text rather than risking "can't parse entities".
 * Soft line breaks join with a space, as in the paragraph the author wrote.
 */
function inline(nodes: readonly MdInline[], nested: boolean): string {
  let out = "";
  for (const node of nodes) {
    if (node.type === "text") out += escapeTelegramHtml(node.value.replaceAll("\n", " "));
    else if (node.type === "break") out += "\n";
    else if (node.type === "inlineCode")
      out += nested ? escapeTelegramHtml(node.value) : `<code>${escapeTelegramHtml(node.value)}</code>`;
    else if (node.type === "strong") out += `<b>${inline(node.children, true)}</b>`;
    else if (node.type === "emphasis") out += `<i>${inline(node.children, true)}</i>`;
    else {
      const label = inline(node.children, true);
      // Telegram only accepts web links (and tg:// deep links) as href; others are shown as text.
      if (isAllowedUrl(node.url, ["http:", "https:", "tg:"]))
        out += `<a href="${escapeTelegramHtml(node.url)}">${label}</a>`;
      else if (isBareLink(inlineText(node.children), node.url)) out += label;
      else out += `${label} (${escapeTelegramHtml(node.url)})`;
    }
  }
  return out;
}

const TELEGRAM: ChatRenderer = {
  inline: (nodes) => inline(nodes, false),
  code: (node) => {
    const lang = node.lang !== null && /^[\w+#.-]{1,32}$/.test(node.lang) ? node.lang : undefined;
    const body = escapeTelegramHtml(node.value);
    return lang ? `<pre><code class="language-${lang}">${body}</code></pre>` : `<pre>${body}</pre>`;
  },
  marker: listMarker("•"),
};

/**
 * Renders the core's Markdown (see `model.ts`) as Telegram HTML: `<b>`, `<i>`, `<code>`, `<pre>`
 * and `<a href>` for web links; paragraphs as blank lines, list items on their own lines with `•`
 * or their number. Everything that is not markup is escaped, so user text never becomes a tag.
 * @see https://core.telegram.org/bots/api#html-style
 */
export function renderTelegramHtml(markdown: string | MdRoot): string {
  return layoutChat(typeof markdown === "string" ? parseMarkdown(markdown) : markdown, TELEGRAM);
}
