import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { renderPlain } from "../../../adapters/console/render-plain.ts";

/** The renderer before issue 11 (its link and line-break patterns were quadratic). */
function formerRenderPlain(markdown: string, ansi: boolean): string {
  const bold = (text: string) => (ansi ? `\u001b[1m${text}\u001b[22m` : text);
  return markdown
    .split(/\n{2,}/)
    .map((block) => block.replace(/\n(?!\s*(?:[-*]|\d+[.)]) )/g, " "))
    .join("\n\n")
    .replace(/\[([^\]]+)\]\((https?:\/\/[^\s)]+)\)/g, "$1 ($2)")
    .replace(/\*\*([^*]+)\*\*/g, (_, text: string) => bold(text))
    .replace(/(^|[^*])\*([^*\s][^*]*)\*/g, "$1$2")
    .replace(/`([^`]+)`/g, "$1");
}

describe("console rendering", () => {
  it("shows links as label (url), drops emphasis, keeps list items on their lines", () => {
    expect(renderPlain("See **the** [help](https://x.dev) *now*\nand `code`\n- one\n- two")).toBe(
      "See the help (https://x.dev) now and code\n- one\n- two",
    );
  });

  it("renders exactly what the former regexes rendered (property test, the former as oracle)", () => {
    const pieces = [
      "[",
      "]",
      "(",
      ")",
      " ",
      "\n",
      "\n\n",
      "a",
      "http://x",
      "*",
      "**",
      "`",
      "-",
      "1.",
      "2)",
      "가",
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 24 }), fc.boolean(), (parts, ansi) => {
        const text = parts.join("");
        expect(renderPlain(text, { ansi })).toBe(formerRenderPlain(text, ansi));
      }),
      { numRuns: 20_000 },
    );
  });
});
