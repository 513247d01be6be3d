/**
 * The inline part of the core's Markdown subset — `` `code` ``, `[label](url)`, `**bold**`,
 * `*italic*` — parsed in linear time, for the adapters that render it (Slack mrkdwn, Telegram HTML).
 *
 * It finds exactly what this regex finds with `matchAll`:
 *
 *     /`([^`\n]+)`|\[([^\]\n]+)\]\(([^)\s]+)\)|\*\*(?=\S)([\s\S]+?)(?<=\S)\*\*|\*(?=[^\s*])([^*]+?)(?<=\S)\*`/g
 *
 * but the regex is quadratic: from every `**` (or `[`) without a partner it scans to the end of
 * the text, so 100 KB of `**a ` took seconds. Here each such scan is remembered: a later opener
 * whose scan would cross the same ground gets the remembered answer.
 */
import { isWhitespaceCode } from "./whitespace.ts";

/** One piece of a line of Markdown. `bold` and `italic` hold their inner Markdown, still to parse. */
export type InlineSpan =
  | { kind: "text"; text: string }
  | { kind: "code"; text: string }
  | { kind: "link"; label: string; url: string }
  | { kind: "bold"; markdown: string }
  | { kind: "italic"; markdown: string };

const isSpace = (text: string, at: number): boolean => isWhitespaceCode(text.charCodeAt(at));

/**
 * Finds the first index at or after `from` where `isStop` holds (or the text's length). Callers ask
 * with non-decreasing `from`, so an answer is reused while `from` has not passed it: every
 * character is looked at once, however many openers ask.
 */
function createStopFinder(text: string, isStop: (at: number) => boolean): (from: number) => number {
  let scannedFrom = Number.POSITIVE_INFINITY;
  let found = -1;
  return (from) => {
    if (from >= scannedFrom && from <= found) return found;
    let at = from;
    while (at < text.length && !isStop(at)) at++;
    scannedFrom = from;
    found = at;
    return at;
  };
}

/** Splits one line (or paragraph) of the Markdown subset into spans; plain text is left as is. */
export function parseInline(text: string): InlineSpan[] {
  const codeEnd = createStopFinder(text, (at) => text[at] === "`" || text[at] === "\n");
  const labelEnd = createStopFinder(text, (at) => text[at] === "]" || text[at] === "\n");
  const urlEnd = createStopFinder(text, (at) => text[at] === ")" || isSpace(text, at));
  const nextStar = createStopFinder(text, (at) => text[at] === "*");
  // `**` closes bold only after a non-space character.
  const boldEnd = createStopFinder(
    text,
    (at) => text[at] === "*" && text[at + 1] === "*" && !isSpace(text, at - 1),
  );

  /** The span starting at `at` and where it ends, if one starts there. */
  function spanAt(at: number): [InlineSpan, number] | undefined {
    const char = text[at];
    if (char === "`") {
      const end = codeEnd(at + 1);
      if (text[end] === "`" && end > at + 1)
        return [{ kind: "code", text: text.slice(at + 1, end) }, end + 1];
    } else if (char === "[") {
      const close = labelEnd(at + 1);
      if (text[close] !== "]" || close === at + 1 || text[close + 1] !== "(") return undefined;
      const end = urlEnd(close + 2);
      if (text[end] === ")" && end > close + 2) {
        return [{ kind: "link", label: text.slice(at + 1, close), url: text.slice(close + 2, end) }, end + 1];
      }
    } else if (char === "*") {
      const next = text[at + 1];
      if (next === "*" && at + 2 < text.length && !isSpace(text, at + 2)) {
        const end = boldEnd(at + 3);
        if (end < text.length) return [{ kind: "bold", markdown: text.slice(at + 2, end) }, end + 2];
      }
      if (next !== undefined && next !== "*" && !isSpace(text, at + 1)) {
        const end = nextStar(at + 2);
        if (end < text.length && !isSpace(text, end - 1))
          return [{ kind: "italic", markdown: text.slice(at + 1, end) }, end + 1];
      }
    }
    return undefined;
  }

  const spans: InlineSpan[] = [];
  let plainFrom = 0;
  for (let at = 0; at < text.length; ) {
    const found = spanAt(at);
    if (!found) {
      at++;
      continue;
    }
    if (at > plainFrom) spans.push({ kind: "text", text: text.slice(plainFrom, at) });
    spans.push(found[0]);
    at = found[1];
    plainFrom = at;
  }
  if (plainFrom < text.length) spans.push({ kind: "text", text: text.slice(plainFrom) });
  return spans;
}

/** Options of {@link replaceLinks}. */
export interface LinkOptions {
  /** A label may span lines (the console's blocks) or not (Discord's `[^\]\n]+`). */
  multilineLabels: boolean;
}

/**
 * Replaces every `[label](http…)` link — web links only — with `render(label, url)`, leaving the
 * rest of the text as it is. Linear replacement for `/\[([^\]\n]+)\]\((https?:\/\/[^\s)]+)\)/g`
 * (without `\n` when labels may span lines), which rescanned to the end of the text from every `[`.
 */
export function replaceLinks(
  text: string,
  options: LinkOptions,
  render: (label: string, url: string) => string,
): string {
  const labelEnd = createStopFinder(
    text,
    options.multilineLabels ? (at) => text[at] === "]" : (at) => text[at] === "]" || text[at] === "\n",
  );
  const urlEnd = createStopFinder(text, (at) => text[at] === ")" || isSpace(text, at));
  let out = "";
  let plainFrom = 0;
  for (let at = text.indexOf("["); at !== -1; at = text.indexOf("[", at + 1)) {
    const close = labelEnd(at + 1);
    if (text[close] !== "]" || close === at + 1 || text[close + 1] !== "(") continue;
    const end = urlEnd(close + 2);
    const url = text.slice(close + 2, end);
    const scheme = url.startsWith("https://") ? 8 : url.startsWith("http://") ? 7 : 0;
    if (text[end] !== ")" || scheme === 0 || url.length === scheme) continue;
    out += text.slice(plainFrom, at) + render(text.slice(at + 1, close), url);
    plainFrom = end + 1;
    at = end;
  }
  return out + text.slice(plainFrom);
}
