import { describe, expect, it } from "vitest";
import { escapeDiscord, renderDiscordMarkdown } from "../../src/markdown/render-discord.ts";
import { stablePrefix } from "../../src/markdown/stable-prefix.ts";

describe("Discord rendering", () => {
  it("keeps the Markdown subset Discord shares: bold, italic, code, lists", () => {
    const text = "**Library → Purchases**, *then* `Copy`\n- one\n1. two";
    expect(renderDiscordMarkdown(text)).toBe(text);
  });

  it("turns links into label (<url>) and bare links into <url>", () => {
    expect(renderDiscordMarkdown("See [Billing](https://example.com/billing).")).toBe(
      "See Billing (<https://example.com/billing>).",
    );
    expect(renderDiscordMarkdown("[https://x.example](https://x.example)")).toBe("<https://x.example>");
    expect(renderDiscordMarkdown("at https://x.example/a_b")).toBe("at <https://x.example/a_b>");
    expect(renderDiscordMarkdown("[run](javascript:alert(1))")).toBe("run (javascript:alert(1))");
  });

  it("defuses @everyone and @here outside code, and leaves code untouched", () => {
    const out = renderDiscordMarkdown(
      "Ping @everyone or @here, not `@everyone` [x](https://a.example)\n\n```\n[y](https://b.example)\n```",
    );
    expect(out).toBe(
      "Ping @\u200beveryone or @\u200bhere, not `@everyone` x (<https://a.example>)\n\n```\n[y](https://b.example)\n```",
    );
  });

  it("shows Markdown characters in plain text as written", () => {
    expect(renderDiscordMarkdown("2 * 3 * 4, snake\\_case, ~~no~~, ||spoiler||, <@&1>, <t:1>")).toBe(
      "2 \\* 3 \\* 4, snake\\_case, \\~\\~no\\~\\~, \\|\\|spoiler\\|\\|, \\<@&1>, \\<t:1>",
    );
    expect(escapeDiscord("# not a heading\n> not a quote\n-# not subtext\n1. not a list")).toBe(
      "\\# not a heading\n\\> not a quote\n\\-# not subtext\n1\\. not a list",
    );
  });

  it("keeps code spans and blocks intact even when they hold backticks", () => {
    expect(renderDiscordMarkdown("``a`b``")).toBe("`` a`b ``");
    expect(renderDiscordMarkdown("````\n```\n````")).toBe("```\n`\u200b``\n```");
  });
});

describe("a streamed reply's stable part", () => {
  it.each([
    ["Press **Forgot pass", "Press"],
    ["Press **Forgot password** on the", "Press **Forgot password** on the"],
    ["Run `npm i", "Run"],
    ["See [the docs](https://x", "See"],
    ["```\ncode", ""],
    ["로그인 화면에서 **비밀번호", "로그인 화면에서"],
  ])("%s → %s", (partial, stable) => {
    expect(stablePrefix(partial)).toBe(stable);
  });
});
