import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  escapeHtml,
  htmlToPlain,
  renderTelegramHtml,
  renderTelegramParts,
  visibleLength,
} from "../../../adapters/telegram/render-html.ts";
import { TELEGRAM_CAPABILITIES } from "../../../adapters/telegram/telegram-adapter.ts";
import { adaptToCapabilities } from "../../../src/core/outbound-adapt.ts";

describe("Telegram HTML rendering", () => {
  it("escapes <, > and & (and quotes) so user text never becomes markup", () => {
    expect(renderTelegramHtml('<script>alert("x")</script> & co')).toBe(
      "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co",
    );
    expect(escapeHtml("a<b>&c")).toBe("a&lt;b&gt;&amp;c");
  });

  it("renders bold, italic, code and links", () => {
    expect(renderTelegramHtml("**bold** and *italic* and `a<b`")).toBe(
      "<b>bold</b> and <i>italic</i> and <code>a&lt;b</code>",
    );
    expect(renderTelegramHtml("[Billing & plans](https://example.com/a?x=1&y=2)")).toBe(
      '<a href="https://example.com/a?x=1&amp;y=2">Billing &amp; plans</a>',
    );
    expect(renderTelegramHtml("**<b> & [docs](https://example.com)**")).toBe(
      '<b>&lt;b&gt; &amp; <a href="https://example.com">docs</a></b>',
    );
  });

  it("keeps code out of other entities and non-web links out of href", () => {
    expect(renderTelegramHtml("**press `Copy`**")).toBe("<b>press Copy</b>");
    expect(renderTelegramHtml("[run](javascript:alert(1))")).toBe("run (javascript:alert(1))");
    expect(renderTelegramHtml("[mail](mailto:help@example.com)")).toBe("mail (mailto:help@example.com)");
  });

  it("leaves stray asterisks alone", () => {
    expect(renderTelegramHtml("2 * 3 * 4 and **unclosed")).toBe("2 * 3 * 4 and **unclosed");
  });

  it("joins soft line breaks, keeps paragraphs and list items", () => {
    const markdown =
      "Open **Library → Purchases**,\npick the prompt.\n\nSteps:\n- copy it\n- paste it\n  into your tool\n\n1. first\n2. second";
    expect(renderTelegramHtml(markdown)).toBe(
      "Open <b>Library → Purchases</b>, pick the prompt.\n\nSteps:\n• copy it\n• paste it into your tool\n\n1. first\n2. second",
    );
  });

  it("counts length as Telegram does, after entities parsing", () => {
    expect(visibleLength('<b>a &amp; b</b> <a href="https://x.y">c</a>')).toBe(7);
    expect(htmlToPlain('<b>a &lt;3</b> <a href="https://x.y">c</a>')).toBe("a <3 c (https://x.y)");
  });
});

describe("Telegram message length (4,096)", () => {
  const paragraph = (n: number) => `Paragraph ${n}: ${"lorem ipsum & <dolor> ".repeat(20).trim()}`;
  const long = Array.from({ length: 40 }, (_, i) => paragraph(i)).join("\n\n");

  it("the core splits on paragraph boundaries and every rendered part fits", () => {
    expect(TELEGRAM_CAPABILITIES.maxMessageLength).toBe(4096);
    const parts = adaptToCapabilities({ text: long }, TELEGRAM_CAPABILITIES, "en");
    expect(parts.length).toBeGreaterThan(3);
    const rendered = parts.flatMap((part) => renderTelegramParts(part.text));
    expect(rendered).toHaveLength(parts.length);
    for (const html of rendered) {
      expect(visibleLength(html)).toBeLessThanOrEqual(4096);
      expect(html).toMatch(/^Paragraph \d+:/);
      expect(html).toMatch(/&lt;dolor&gt;$/);
    }
  });

  it("escaping does not push a full-length part over the limit or split it", () => {
    const text = "&<>".repeat(1365);
    expect(text.length).toBe(4095);
    const [html, ...rest] = renderTelegramParts(text);
    expect(rest).toEqual([]);
    expect(html?.length).toBeGreaterThan(4096 * 3);
    expect(visibleLength(html ?? "")).toBe(4095);
  });

  it("re-splits text that reaches the adapter unsplit", () => {
    const parts = renderTelegramParts(long);
    expect(parts.length).toBeGreaterThan(3);
    for (const html of parts) expect(visibleLength(html)).toBeLessThanOrEqual(4096);
    expect(parts.join("\n\n")).toBe(renderTelegramHtml(long));
  });

  it("measures and strips rendered HTML as the former tag patterns did (property test)", () => {
    const formerLength = (html: string) =>
      html.replace(/<[^>]*>/g, "").replace(/&(?:amp|lt|gt|quot);/g, "&").length;
    const formerPlain = (html: string) =>
      html
        .replace(/<a href="([^"]*)">([\s\S]*?)<\/a>/g, "$2 ($1)")
        .replace(/<[^>]*>/g, "")
        .replaceAll("&lt;", "<")
        .replaceAll("&gt;", ">")
        .replaceAll("&quot;", '"')
        .replaceAll("&amp;", "&");
    const pieces = [
      "[",
      "]",
      "(",
      ")",
      "https://x.dev/?a=1&b=2",
      " ",
      "\n",
      "a",
      "*",
      "**",
      "`",
      "<",
      ">",
      "&",
      '"',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 24 }), (parts) => {
        const html = renderTelegramHtml(parts.join(""));
        expect(visibleLength(html)).toBe(formerLength(html));
        expect(htmlToPlain(html)).toBe(formerPlain(html));
      }),
      { numRuns: 10_000 },
    );
  });
});
