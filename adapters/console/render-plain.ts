import { replaceLinks } from "../../src/core/markdown-inline.ts";

// A list item after a line break: `- `, `* `, `1. `, `1) `.
const LIST_MARKER = /(?:[-*]|\d+[.)]) /y;

/**
 * Soft line breaks join with a space, except before a list item, which keeps its own line. Each
 * run of whitespace is looked at once (a `\n(?!\s*…)` lookahead rescanned the run from every
 * line break in it: quadratic on "\n \n \n…").
 */
function joinSoftBreaks(block: string): string {
  return block.replace(/\s+/g, (run: string, offset: number) => {
    if (!run.includes("\n")) return run;
    LIST_MARKER.lastIndex = offset + run.length;
    return LIST_MARKER.test(block) ? run : run.replaceAll("\n", " ");
  });
}

/**
 * Renders the core's Markdown subset as plain terminal text: emphasis markers removed, links as
 * "label (url)", optionally bold via ANSI when the terminal supports colour.
 */
export function renderPlain(markdown: string, options: { ansi?: boolean } = {}): string {
  const bold = (text: string) => (options.ansi ? `\u001b[1m${text}\u001b[22m` : text);
  const joined = markdown
    .split(/\n{2,}/)
    .map(joinSoftBreaks)
    .join("\n\n");
  return replaceLinks(joined, { multilineLabels: true }, (label, url) => `${label} (${url})`)
    .replace(/\*\*([^*]+)\*\*/g, (_, text: string) => bold(text))
    .replace(/(^|[^*])\*([^*\s][^*]*)\*/g, "$1$2")
    .replace(/`([^`]+)`/g, "$1");
}
