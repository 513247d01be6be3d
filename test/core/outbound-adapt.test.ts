import { describe, expect, it } from "vitest";
import { adaptToCapabilities, splitText } from "../../src/core/outbound-adapt.ts";
import { parseMarkdown } from "../../src/markdown/parse.ts";
import type { Capabilities } from "../../src/model/capabilities.ts";
import type { OutboundMessage } from "../../src/model/outbound.ts";

const full: Capabilities = {
  buttons: true,
  linkButtons: true,
  threads: false,
  edits: false,
  markdown: true,
  maxMessageLength: 100,
};
const plain: Capabilities = { ...full, buttons: false, linkButtons: false, markdown: false };
const card = { title: "Ticket T-1001", fields: [{ label: "Team", value: "Billing" }] };

describe("fitting messages to a channel", () => {
  it("keeps buttons where the channel has them, and numbers them (in the reply language) where not", () => {
    const message: OutboundMessage = {
      text: "Did you mean one of these?",
      buttons: [
        { kind: "action", label: "Refunds", action: "faq.pick", value: "refund" },
        { kind: "link", label: "Help centre", url: "https://example.com/help" },
      ],
    };
    expect(adaptToCapabilities(message, full, "en")).toEqual([message]);
    expect(adaptToCapabilities(message, plain, "ko")[0]?.text).toBe(
      "Did you mean one of these?\n\n- Help centre: https://example.com/help\n\n번호로 답해 주세요:\n1. Refunds",
    );
  });

  it("writes link and numbered buttons as Markdown that reads back as their labels", () => {
    const message: OutboundMessage = {
      text: "See:",
      buttons: [
        { kind: "link", label: "Plans [new] *50%*", url: "https://example.com/plans_(2)" },
        { kind: "action", label: "**Refunds**", action: "faq.pick" },
      ],
    };
    const [fitted] = adaptToCapabilities(
      message,
      { ...full, buttons: false, linkButtons: false, maxMessageLength: 4_000 },
      "en",
    );
    const [, list, , numbered] = parseMarkdown(fitted?.text ?? "").children;
    expect(list?.type === "list" && list.children[0]?.children[0]).toEqual({
      type: "paragraph",
      children: [
        {
          type: "link",
          url: "https://example.com/plans_(2)",
          children: [{ type: "text", value: "Plans [new] *50%*" }],
        },
      ],
    });
    expect(numbered?.type === "list" && numbered.children[0]?.children[0]).toEqual({
      type: "paragraph",
      children: [{ type: "text", value: "**Refunds**" }],
    });
  });

  it("keeps a card only for channels that show cards", () => {
    const message: OutboundMessage = { text: "Ticket opened.", card };
    expect(adaptToCapabilities(message, { ...full, cards: true }, "en")[0]?.card).toEqual(card);
    expect(adaptToCapabilities(message, full, "en")[0]?.card).toBeUndefined();
  });

  it("splits long text on paragraph, line, then word boundaries, never over the limit, losing nothing", () => {
    const text = `${"word ".repeat(30).trim()}\n\n${"x".repeat(250)}`;
    const parts = splitText(text, 100);
    expect(parts.every((part) => part.length <= 100)).toBe(true);
    expect(parts.join("").replace(/\s/g, "")).toBe(text.replace(/\s/g, ""));
    expect(parts[0]).toBe("word ".repeat(20).trim());
  });

  it("never cuts an emoji in half, and sends lone surrogates as U+FFFD", () => {
    const parts = splitText("😀".repeat(75), 100);
    expect(parts.every((part) => part.isWellFormed() && part.length <= 100)).toBe(true);
    expect(parts.join("")).toBe("😀".repeat(75));
    const [fitted] = adaptToCapabilities(
      { text: "cut \ud83d", buttons: [{ kind: "action", label: "\ude00 yes", action: "yes" }] },
      full,
      "en",
    );
    expect(fitted).toEqual({
      text: "cut \ufffd",
      buttons: [{ kind: "action", label: "\ufffd yes", action: "yes" }],
    });
  });
});
