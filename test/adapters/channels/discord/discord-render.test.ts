import { describe, expect, it } from "vitest";
import { createComponentCodec } from "../../../../adapters/channels/discord/component-codec.ts";
import { disableButtons, renderOutbound } from "../../../../adapters/channels/discord/discord-render.ts";
import type { Button } from "../../../../src/model/outbound.ts";

describe("renderOutbound", () => {
  const codec = createComponentCodec();

  it("always suppresses mentions, and allows only the roles asked for", () => {
    expect(renderOutbound({ text: "hi <@&1>" }, codec)).toEqual([
      { content: "hi \\<@&1>", allowed_mentions: { parse: [] } },
    ]);
    expect(renderOutbound({ text: "staff" }, codec, { pingRoles: ["42"] })[0]?.allowed_mentions).toEqual({
      parse: [],
      roles: ["42"],
    });
  });

  it("re-splits text that rendering pushed over 2,000 characters; buttons ride on the last part", () => {
    const text = "[a](https://example.com/x) ".repeat(73).trim(); // 1,970 characters in, 2,043 out
    const parts = renderOutbound(
      { text, buttons: [{ kind: "action", label: "More", action: "faq.more" }] },
      codec,
    );
    expect(parts).toHaveLength(2);
    expect(parts.every((part) => part.content.length <= 2_000)).toBe(true);
    expect(parts[0]?.components).toBeUndefined();
    expect(parts[1]?.components).toHaveLength(1);
  });

  it("lays out at most 5 buttons per row and 5 rows; extra links go into the text", () => {
    const buttons: Button[] = Array.from({ length: 27 }, (_, i) =>
      i < 25
        ? { kind: "action", label: `Option ${i}`, action: "faq.pick", value: `entry-${i}` }
        : { kind: "link", label: `Link_${i}`, url: `https://example.com/${i}` },
    );
    const [body] = renderOutbound({ text: "Pick one", buttons }, codec);
    const rows = body?.components as { components: unknown[] }[];
    expect(rows).toHaveLength(5);
    expect(rows.every((row) => row.components.length === 5)).toBe(true);
    expect(body?.content).toBe(
      "Pick one\n- Link\\_25 (<https://example.com/25>)\n- Link\\_26 (<https://example.com/26>)",
    );
  });

  it("renders link buttons as link-style buttons and action buttons with encoded custom ids", () => {
    const [body] = renderOutbound(
      {
        text: "Answer",
        buttons: [
          { kind: "link", label: "Library", url: "https://promptmart.example/library" },
          { kind: "action", label: "Talk to a person", action: "handoff.request" },
        ],
      },
      codec,
    );
    expect(body?.components).toEqual([
      {
        type: 1,
        components: [
          { type: 2, style: 5, label: "Library", url: "https://promptmart.example/library" },
          { type: 2, style: 2, label: "Talk to a person", custom_id: "sb:handoff.request" },
        ],
      },
    ]);
  });

  it("sends nothing for an empty message without buttons", () => {
    expect(renderOutbound({ text: "  " }, codec)).toEqual([]);
  });
});

describe("disableButtons", () => {
  it("disables answering buttons, highlights the pressed one and leaves links usable", () => {
    const rows = [
      {
        type: 1,
        components: [
          { type: 2, style: 2, label: "A", custom_id: "sb:faq.pick:a" },
          { type: 2, style: 2, label: "B", custom_id: "sb:faq.pick:b" },
          { type: 2, style: 5, label: "Docs", url: "https://example.com" },
        ],
      },
    ];
    expect(disableButtons(rows, "sb:faq.pick:b")).toEqual([
      {
        type: 1,
        components: [
          { type: 2, style: 2, label: "A", custom_id: "sb:faq.pick:a", disabled: true },
          { type: 2, style: 1, label: "B", custom_id: "sb:faq.pick:b", disabled: true },
          { type: 2, style: 5, label: "Docs", url: "https://example.com" },
        ],
      },
    ]);
  });
});
