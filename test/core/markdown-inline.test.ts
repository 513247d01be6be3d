import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type InlineSpan, parseInline, replaceLinks } from "../../src/core/markdown-inline.ts";

/** The regex the parser replaced in the Slack and Telegram renderers (quadratic; issue 11). */
const INLINE =
  /`([^`\n]+)`|\[([^\]\n]+)\]\(([^)\s]+)\)|\*\*(?=\S)([\s\S]+?)(?<=\S)\*\*|\*(?=[^\s*])([^*]+?)(?<=\S)\*/g;

function regexSpans(text: string): InlineSpan[] {
  const spans: InlineSpan[] = [];
  let last = 0;
  for (const match of text.matchAll(INLINE)) {
    if (match.index > last) spans.push({ kind: "text", text: text.slice(last, match.index) });
    last = match.index + match[0].length;
    const [, code, label, url, bold, italic] = match;
    if (code !== undefined) spans.push({ kind: "code", text: code });
    else if (label !== undefined && url !== undefined) spans.push({ kind: "link", label, url });
    else if (bold !== undefined) spans.push({ kind: "bold", markdown: bold });
    else if (italic !== undefined) spans.push({ kind: "italic", markdown: italic });
  }
  if (last < text.length) spans.push({ kind: "text", text: text.slice(last) });
  return spans;
}

describe("inline Markdown parser", () => {
  it("splits code, links, bold and italic", () => {
    expect(parseInline("Run `npm test`, see [docs](https://x.dev) — **really** *now*")).toEqual([
      { kind: "text", text: "Run " },
      { kind: "code", text: "npm test" },
      { kind: "text", text: ", see " },
      { kind: "link", label: "docs", url: "https://x.dev" },
      { kind: "text", text: " — " },
      { kind: "bold", markdown: "really" },
      { kind: "text", text: " " },
      { kind: "italic", markdown: "now" },
    ]);
    expect(parseInline("2 * 3 * 4 and ** not bold **")).toEqual([
      { kind: "text", text: "2 * 3 * 4 and ** not bold **" },
    ]);
  });

  it("finds exactly what the former regex found (property test, the regex as oracle)", () => {
    const pieces = [
      "*",
      "**",
      "`",
      "[",
      "]",
      "(",
      ")",
      " ",
      "\n",
      "\t",
      "a",
      "b",
      "가",
      "http://x",
      "_",
      "\ud800",
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 30 }), (parts) => {
        const text = parts.join("");
        expect(parseInline(text)).toEqual(regexSpans(text));
      }),
      { numRuns: 30_000 },
    );
  });
});

describe("link replacement", () => {
  const render = (label: string, url: string) => `{${label}|${url}}`;
  it("finds exactly what the former regexes found (property test, the regexes as oracles)", () => {
    const pieces = ["[", "]", "(", ")", " ", "\n", "a", "http://", "https://", "http", "x.y", "가", "\t"];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 24 }), (parts) => {
        const text = parts.join("");
        expect(replaceLinks(text, { multilineLabels: false }, render)).toBe(
          text.replace(/\[([^\]\n]+)\]\((https?:\/\/[^\s)]+)\)/g, (_m, label: string, url: string) =>
            render(label, url),
          ),
        );
        expect(replaceLinks(text, { multilineLabels: true }, render)).toBe(
          text.replace(/\[([^\]]+)\]\((https?:\/\/[^\s)]+)\)/g, (_m, label: string, url: string) =>
            render(label, url),
          ),
        );
      }),
      { numRuns: 30_000 },
    );
  });
});
