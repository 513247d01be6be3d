// ASCII punctuation the parser could read as markup, inline or at the start of a line.
const SPECIAL = /[\\`*_[\]<>~|&#!+-]/g;

/**
 * Text as Markdown that reads back as exactly this text: every character the parser could take
 * for markup is backslash-escaped (CommonMark lets any ASCII punctuation be escaped).
 */
export function escapeMarkdown(text: string): string {
  return text.replace(SPECIAL, "\\$&").replace(/^(\d+)([.)])/gm, "$1\\$2");
}

/**
 * A Markdown link to `url` labelled `label`, both taken literally: the label escaped, the URL in
 * angle brackets (so spaces and parentheses in it cannot end it early).
 */
export function markdownLink(label: string, url: string): string {
  const destination = url
    .replaceAll("<", "%3C")
    .replaceAll(">", "%3E")
    .replace(/[\r\n]/g, "");
  return `[${escapeMarkdown(label)}](<${destination}>)`;
}
