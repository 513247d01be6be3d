import { type ChatRenderer, layoutChat, listMarker } from "./chat-layout.ts";
import { isAllowedUrl, isBareLink } from "./link-policy.ts";
import { inlineText, type MdInline, type MdRoot } from "./model.ts";
import { parseMarkdown } from "./parse.ts";

const ZWSP = "\u200b";
// Emphasis, strikethrough, spoilers, code, masked links, mentions (`<@…>`, `<#…>`, `<t:…>`) and
// escapes themselves. A backslash before any punctuation shows the punctuation alone.
const INLINE_SPECIAL = /[\\*_~`|<[\]]/g;
// At the start of a line: quotes, headings, subtext (`-#`), list items.
const LINE_START_SPECIAL = /^([ \t]*)([>#+-]|\d{1,9}(?=[.)]))/gm;
const MASS_MENTION = /@(everyone|here)\b/g;

/**
 * Text that Discord shows as written: Markdown characters escaped with a backslash, and
 * `@everyone`/`@here` broken by a zero-width space so they never look like, or act as, mass
 * mentions even if copied (allowed_mentions stops the ping; this stops the look).
 */
export function escapeDiscord(text: string): string {
  return text
    .replace(INLINE_SPECIAL, "\\$&")
    .replace(LINE_START_SPECIAL, (_, space: string, marker: string) =>
      /\d/.test(marker) ? `${space}${marker}\\` : `${space}\\${marker}`,
    )
    .replace(MASS_MENTION, `@${ZWSP}$1`);
}

/** A code span that holds backticks: double backticks, spaced, with the value's own pairs broken. */
function codeSpan(value: string): string {
  if (!value.includes("`")) return `\`${value}\``;
  return `\`\` ${value.replaceAll("``", `\`${ZWSP}\``)} \`\``;
}

function inline(nodes: readonly MdInline[]): string {
  let out = "";
  for (const node of nodes) {
    if (node.type === "text") out += escapeDiscord(node.value);
    else if (node.type === "break") out += "\n";
    else if (node.type === "inlineCode") out += codeSpan(node.value);
    else if (node.type === "strong") out += `**${inline(node.children)}**`;
    else if (node.type === "emphasis") out += `*${inline(node.children)}*`;
    else {
      const label = inlineText(node.children);
      // Angle brackets stop a preview embed per link.
      if (!isAllowedUrl(node.url, ["http:", "https:"]))
        out += isBareLink(label, node.url)
          ? escapeDiscord(label)
          : `${inline(node.children)} (${escapeDiscord(node.url)})`;
      else if (isBareLink(label, node.url)) out += `<${node.url}>`;
      else out += `${inline(node.children)} (<${node.url}>)`;
    }
  }
  return out;
}

const DISCORD: ChatRenderer = {
  inline,
  code: (node) => {
    const lang = node.lang !== null && /^[\w+#.-]{1,32}$/.test(node.lang) ? node.lang : "";
    // Nothing escapes inside a code block: a fence in the code is broken with a zero-width space.
    return `\`\`\`${lang}\n${node.value.replaceAll("```", `\`${ZWSP}\`\``)}\n\`\`\``;
  },
  marker: listMarker("-"),
};

/**
 * Renders the core's Markdown (see `model.ts`) as Discord Markdown: bold, italic, code and lists
 * as Discord writes them, links as `label (<url>)`, everything else escaped so text is shown as
 * written and never pings or links.
 * @see https://support.discord.com/hc/en-us/articles/210298617-Markdown-Text-101-Chat-Formatting-Bold-Italic-Underline
 */
export function renderDiscordMarkdown(markdown: string | MdRoot): string {
  return layoutChat(typeof markdown === "string" ? parseMarkdown(markdown) : markdown, DISCORD);
}
