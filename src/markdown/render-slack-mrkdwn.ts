import { type ChatRenderer, layoutChat, listMarker } from "./chat-layout.ts";
import { isAllowedUrl, isBareLink } from "./link-policy.ts";
import { inlineText, type MdInline, type MdRoot } from "./model.ts";
import { parseMarkdown } from "./parse.ts";

/**
 * Escapes Slack's control characters. Text from customers must always go through this: an
 * unescaped `<!channel>` would notify the whole channel, `<@U…>` would mention someone.
 * @see https://docs.slack.dev/messaging/formatting-message-text#escaping
 */
export function escapeMrkdwn(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}

function inline(nodes: readonly MdInline[]): string {
  let out = "";
  for (const node of nodes) {
    if (node.type === "text") out += escapeMrkdwn(node.value);
    else if (node.type === "break") out += "\n";
    // A code span cannot hold a backtick in Slack: a look-alike keeps the text readable.
    else if (node.type === "inlineCode") out += `\`${escapeMrkdwn(node.value.replaceAll("`", "ˋ"))}\``;
    else if (node.type === "strong") out += `*${inline(node.children)}*`;
    else if (node.type === "emphasis") out += `_${inline(node.children)}_`;
    else {
      const label = inlineText(node.children);
      const url = escapeMrkdwn(node.url).replaceAll("|", "%7C");
      if (!isAllowedUrl(node.url, ["http:", "https:", "mailto:"]))
        out += isBareLink(label, node.url) ? escapeMrkdwn(label) : `${inline(node.children)} (${url})`;
      else if (isBareLink(label, node.url) && node.url === label) out += `<${url}>`;
      else out += `<${url}|${escapeMrkdwn(label).replaceAll("|", "¦")}>`;
    }
  }
  return out;
}

const SLACK: ChatRenderer = {
  inline,
  code: (node) => `\`\`\`\n${escapeMrkdwn(node.value.replaceAll("```", "ˋˋˋ"))}\n\`\`\``,
  marker: listMarker("•"),
};

/**
 * Renders the core's Markdown (see `model.ts`) as Slack mrkdwn: `*bold*`, `_italic_`, `` `code` ``,
 * `<url|label>`, `•` lists. Everything that is not markup is escaped (`&`, `<`, `>`), so no text
 * can become a mention or a broadcast.
 * @see https://docs.slack.dev/messaging/formatting-message-text
 */
export function renderSlackMrkdwn(markdown: string | MdRoot): string {
  return layoutChat(typeof markdown === "string" ? parseMarkdown(markdown) : markdown, SLACK);
}
