/**
 * Slack's mrkdwn (`*bold*`, `_italic_`, `<url|label>`, `<@U…>`) back to the core's Markdown, for
 * what agents type in the hand-off thread. The other way is `src/markdown/render-slack-mrkdwn.ts`.
 * @see https://docs.slack.dev/messaging/formatting-message-text
 */
import { escapeMrkdwn } from "../../../src/markdown/render-slack-mrkdwn.ts";

// The Slack desk escapes customer text with it; the core's Markdown → mrkdwn is in src/markdown.
export { escapeMrkdwn };

function unescapeMrkdwn(text: string): string {
  return text.replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&amp;", "&");
}

/** Slack ids a message mentions (`<@U…>`), to resolve to names before {@link mrkdwnToMarkdown}. */
export function mentionedUserIds(mrkdwn: string): string[] {
  // `[^<>]`: Slack escapes `<` in labels, and a `<@U1|` without `>` must not scan to the end.
  return [
    ...new Set([...mrkdwn.matchAll(/<@([UW][A-Z0-9]+)(?:\|[^<>]*)?>/g)].map((match) => match[1] ?? "")),
  ];
}

// Emphasis must start and end at a word boundary, as in Slack: snake_case_names stay as they are.
const SLACK_INLINE =
  /```([\s\S]*?)```|`([^`\n]+)`|<([^<>\n]+)>|(?<![\p{L}\p{N}_*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\p{L}\p{N}_*])|(?<![\p{L}\p{N}_])_(?=\S)([^_\n]+?)(?<=\S)_(?![\p{L}\p{N}_])/gu;

/**
 * Converts a Slack message (what an agent typed in the hand-off thread) to the core's Markdown
 * subset: `*bold*` → `**bold**`, `_it_` → `*it*`, `<url|label>` → `[label](url)`, user mentions
 * to `@Name` (via `names`, else removed), channel links to `#name`, broadcast mentions removed
 * (the customer must not see `@here`), and `&amp;`/`&lt;`/`&gt;` unescaped.
 */
export function mrkdwnToMarkdown(mrkdwn: string, names: (userId: string) => string | undefined): string {
  const convert = (text: string): string => {
    let out = "";
    let last = 0;
    for (const match of text.matchAll(SLACK_INLINE)) {
      out += unescapeMrkdwn(text.slice(last, match.index));
      last = match.index + match[0].length;
      const [, block, code, angle, bold, italic] = match;
      if (block !== undefined) out += `\`\`\`${unescapeMrkdwn(block)}\`\`\``;
      else if (code !== undefined) out += `\`${unescapeMrkdwn(code)}\``;
      else if (angle !== undefined) out += convertAngle(angle, names);
      else if (bold !== undefined) out += `**${convert(bold)}**`;
      else if (italic !== undefined) out += `*${convert(italic)}*`;
    }
    return out + unescapeMrkdwn(text.slice(last));
  };
  return convert(mrkdwn)
    .replace(/[ \t]{2,}/g, " ")
    .trim();
}

/** One `<…>` token: a mention, a channel, a special command or a link. */
function convertAngle(token: string, names: (userId: string) => string | undefined): string {
  const bar = token.indexOf("|");
  const target = bar === -1 ? token : token.slice(0, bar);
  const label = bar === -1 ? undefined : unescapeMrkdwn(token.slice(bar + 1));
  if (target.startsWith("@")) {
    const name = names(target.slice(1)) ?? label;
    return name ? `@${name.replace(/^@/, "")}` : "";
  }
  if (target.startsWith("#")) return label ? `#${label}` : "";
  if (target.startsWith("!")) {
    // <!date^…|fallback> keeps its fallback text; here/channel/everyone and group mentions go.
    return target.startsWith("!date^") && label ? label : "";
  }
  const url = unescapeMrkdwn(target);
  if (!label || label === url) return url;
  return `[${label}](${url})`;
}
