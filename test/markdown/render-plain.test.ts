import { describe, expect, it } from "vitest";
import { renderPlain } from "../../src/markdown/render-plain.ts";

describe("plain text rendering (console)", () => {
  it("shows links as label (url), drops emphasis, keeps list items on their lines", () => {
    expect(renderPlain("See **the** [help](https://x.dev) *now*\nand `code`\n- one\n- two")).toBe(
      "See the help (https://x.dev) now and code\n- one\n- two",
    );
  });

  it("bolds with ANSI when asked, and never passes control characters through", () => {
    expect(renderPlain("**bold** \u001b[31mred\u0007", { ansi: true })).toBe(
      "\u001b[1mbold\u001b[22m [31mred",
    );
  });

  it("keeps paragraphs, numbered lists and code blocks", () => {
    expect(renderPlain("Hi.\n\n1. one\n2. two\n\n```\nx = 1\n```\n\nwww.x.dev")).toBe(
      "Hi.\n\n1. one\n2. two\n\nx = 1\n\nwww.x.dev",
    );
  });
});
