import { describe, expect, it } from "vitest";
import { escapeTelegramHtml, renderTelegramHtml } from "../../src/markdown/render-telegram-html.ts";

describe("Telegram HTML rendering", () => {
  it("escapes <, > and & (and quotes) so user text never becomes markup", () => {
    expect(renderTelegramHtml('<script>alert("x")</script> & co')).toBe(
      "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co",
    );
    expect(escapeTelegramHtml("a<b>&c")).toBe("a&lt;b&gt;&amp;c");
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
    expect(renderTelegramHtml('[x](https://a.dev/"onclick=")')).toBe(
      '<a href="https://a.dev/&quot;onclick=&quot;">x</a>',
    );
    expect(renderTelegramHtml("[mail](mailto:help@example.com)")).toBe("mail (mailto:help@example.com)");
    expect(renderTelegramHtml("write to help@example.com")).toBe("write to help@example.com");
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

  it("renders code blocks as <pre>, nested lists indented, headings in bold", () => {
    expect(renderTelegramHtml("## Setup\n\n```sh\nnpm i <pkg>\n```\n\n- a\n  - b")).toBe(
      '<b>Setup</b>\n\n<pre><code class="language-sh">npm i &lt;pkg&gt;</code></pre>\n\n• a\n  • b',
    );
  });

  it("renders Korean text as is", () => {
    expect(renderTelegramHtml("**환불**은 *영업일* 기준 5일 걸려요.")).toBe(
      "<b>환불</b>은 <i>영업일</i> 기준 5일 걸려요.",
    );
  });
});
