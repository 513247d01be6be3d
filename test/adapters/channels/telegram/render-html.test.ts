import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  htmlToPlain,
  renderTelegramParts,
  visibleLength,
} from "../../../../adapters/channels/telegram/render-html.ts";
import { TELEGRAM_CAPABILITIES } from "../../../../adapters/channels/telegram/telegram-adapter.ts";
import { adaptToCapabilities } from "../../../../src/core/outbound-adapt.ts";
import { renderTelegramHtml } from "../../../../src/markdown/render-telegram-html.ts";

describe("Telegram HTML as Telegram counts it", () => {
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
