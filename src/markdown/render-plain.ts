import { type ChatRenderer, layoutChat, listMarker } from "./chat-layout.ts";
import { isBareLink } from "./link-policy.ts";
import { inlineText, type MdInline, type MdRoot } from "./model.ts";
import { parseMarkdown } from "./parse.ts";

// C0 and C1 control characters other than tab and line feed: an escape sequence in a reply
// (quoting a customer) must not drive the terminal.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** Options of {@link renderPlain}. */
export interface PlainOptions {
  /** Show bold with ANSI escapes (a terminal with colour). */
  ansi?: boolean;
}

function createPlain(options: PlainOptions): ChatRenderer {
  const clean = (text: string) => text.replace(CONTROL, "");
  const inline = (nodes: readonly MdInline[]): string => {
    let out = "";
    for (const node of nodes) {
      if (node.type === "text") out += clean(node.value.replaceAll("\n", " "));
      else if (node.type === "break") out += "\n";
      else if (node.type === "inlineCode") out += clean(node.value);
      else if (node.type === "strong")
        out += options.ansi ? `\u001b[1m${inline(node.children)}\u001b[22m` : inline(node.children);
      else if (node.type === "emphasis") out += inline(node.children);
      else if (isBareLink(inlineText(node.children), node.url)) out += inline(node.children);
      else out += `${inline(node.children)} (${clean(node.url)})`;
    }
    return out;
  };
  return { inline, code: (node) => clean(node.value), marker: listMarker("-") };
}

/**
 * Renders the core's Markdown (see `model.ts`) as plain text: emphasis dropped (bold in ANSI when
 * asked), links as "label (url)", list items on their own lines, soft line breaks as spaces.
 */
export function renderPlain(markdown: string | MdRoot, options: PlainOptions = {}): string {
  return layoutChat(typeof markdown === "string" ? parseMarkdown(markdown) : markdown, createPlain(options));
}
