import { describe, expect, it } from "vitest";
import { mentionedUserIds, mrkdwnToMarkdown } from "../../../../adapters/desks/slack/mrkdwn.ts";
import { renderLine } from "../../../../adapters/desks/slack/packet-blocks.ts";

const names = new Map([["U024BE7LH", "Mina"]]);
const toMarkdown = (text: string) => mrkdwnToMarkdown(text, (id) => names.get(id));

describe("Slack mrkdwn → the core's Markdown (agent replies)", () => {
  it.each([
    ["*bold* and _italic_", "**bold** and *italic*"],
    ["*_both_*", "***both***"],
    ["snake_case_name and 2*3*4 stay", "snake_case_name and 2*3*4 stay"],
    ["<https://example.com/a?b=1&amp;c=2|the docs>", "[the docs](https://example.com/a?b=1&c=2)"],
    ["<https://example.com>", "https://example.com"],
    ["<mailto:help@example.com|help@example.com>", "[help@example.com](mailto:help@example.com)"],
    ["thanks <@U024BE7LH>!", "thanks @Mina!"],
    ["ask <@W0UNKNOWN|sam>", "ask @sam"],
    ["ask <@U0UNKNOWN> now", "ask now"],
    ["see <#C123ABC|billing>", "see #billing"],
    ["<!here> <!subteam^S0123|@billing> hi", "hi"],
    ["due <!date^1700000000^{date}|Nov 14>", "due Nov 14"],
    ["a &lt;b&gt; &amp; c", "a <b> & c"],
    ["`*not bold*` and ```\n_raw_ &lt;x&gt;\n```", "`*not bold*` and ```\n_raw_ <x>\n```"],
    ["한국어 *굵게* 그리고 _기울임_", "한국어 **굵게** 그리고 *기울임*"],
  ])("%s", (input, expected) => {
    expect(toMarkdown(input)).toBe(expected);
  });

  it("lists the user ids to resolve", () => {
    expect(mentionedUserIds("<@U1AAA> and <@W2BBB|x> and <@U1AAA>")).toEqual(["U1AAA", "W2BBB"]);
  });
});

describe("transcript lines in the hand-off thread", () => {
  it("escapes customer text, labels bot lines and skips agent lines and notes", () => {
    expect(renderLine({ from: "customer", name: "Mina K.", text: "<!channel> *hi*", at: 0 })?.text).toBe(
      "*Customer (Mina K.):* &lt;!channel&gt; *hi*",
    );
    expect(renderLine({ from: "bot", text: "Try **Settings**", at: 0 })?.text).toBe("_Bot:_ Try *Settings*");
    expect(renderLine({ from: "system", text: "Lease expired", at: 0 })?.blocks?.[0]?.type).toBe("context");
    expect(renderLine({ from: "agent", text: "hi", at: 0 })).toBeUndefined();
    expect(renderLine({ from: "note", text: "internal", at: 0 })).toBeUndefined();
  });
});
