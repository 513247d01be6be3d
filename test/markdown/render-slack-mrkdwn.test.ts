import { describe, expect, it } from "vitest";
import { renderSlackMrkdwn } from "../../src/markdown/render-slack-mrkdwn.ts";

describe("the core's Markdown → Slack mrkdwn", () => {
  it.each([
    ["**bold** and *italic*", "*bold* and _italic_"],
    ["[Billing settings](https://example.com/billing)", "<https://example.com/billing|Billing settings>"],
    ["[a|b](https://x.dev/?q=a|b)", "<https://x.dev/?q=a%7Cb|a¦b>"],
    ["see https://x.dev", "see <https://x.dev>"],
    ["- one\n- two", "• one\n• two"],
    ["`a<b`", "`a&lt;b`"],
    ["5 < 6 & <!channel>", "5 &lt; 6 &amp; &lt;!channel&gt;"],
    ["hi <@U024BE7LH> and <!here|here>", "hi &lt;@U024BE7LH&gt; and &lt;!here|here&gt;"],
    ["[run](javascript:alert(1))", "run (javascript:alert(1))"],
    ["```\n<b> & *x*\n```", "```\n&lt;b&gt; &amp; *x*\n```"],
    ["**환불** 안내", "*환불* 안내"],
  ])("%s", (input, expected) => {
    expect(renderSlackMrkdwn(input)).toBe(expected);
  });

  it("never lets a label or URL open a Slack control sequence", () => {
    const out = renderSlackMrkdwn("[<!channel>](https://x.dev/<!everyone>)");
    expect(out).not.toMatch(/<!/);
  });
});
