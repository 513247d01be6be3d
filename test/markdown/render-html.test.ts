import { describe, expect, it } from "vitest";
import { renderHtml } from "../../src/markdown/render-html.ts";

const LINK = 'target="_blank" rel="noopener noreferrer nofollow"';

describe("web chat HTML rendering", () => {
  it("renders paragraphs, emphasis, code, lists and links", () => {
    expect(
      renderHtml(
        "Use **Forgot password** *now*: `Settings`.\n\n- one\n- two\n\n3. three\n\n[Help](https://x.dev/a?b=1&c=2)",
      ),
    ).toBe(
      "<p>Use <strong>Forgot password</strong> <em>now</em>: <code>Settings</code>.</p>" +
        "<ul><li>one</li><li>two</li></ul>" +
        '<ol start="3"><li>three</li></ol>' +
        `<p><a href="https://x.dev/a?b=1&amp;c=2" ${LINK}>Help</a></p>`,
    );
  });

  it("escapes every text, so raw HTML in a reply is shown, never run", () => {
    expect(renderHtml('<img src=x onerror="alert(1)"> & <script>x</script>')).toBe(
      "<p>&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &lt;script&gt;x&lt;/script&gt;</p>",
    );
    expect(renderHtml("```html\n<b>'hi'</b>\n```")).toBe(
      '<pre><code class="language-html">&lt;b&gt;&#39;hi&#39;&lt;/b&gt;</code></pre>',
    );
  });

  it("never renders a javascript:, data: or relative URL as a link", () => {
    for (const url of [
      "javascript:alert(1)",
      "JaVaScRiPt:alert(1)",
      "data:text/html,<b>x</b>",
      "/relative",
    ]) {
      const html = renderHtml(`[click](${url})`);
      expect(html).not.toContain("<a");
      expect(html).toMatch(/^<p>click \(/);
    }
    expect(renderHtml("[click](<javascript:alert(1)>)")).not.toContain("href");
    expect(renderHtml("[x](java\nscript:alert(1))")).not.toContain("href");
  });

  it("keeps quotes in a URL from breaking out of the attribute", () => {
    const html = renderHtml('[x](https://a.dev/?q="><script>)');
    expect(html).not.toContain("<script>");
    expect(html).not.toMatch(/href="[^"]*"[^ >]/);
  });

  it("links bare web addresses and emails", () => {
    expect(renderHtml("mail help@x.dev")).toBe(
      `<p>mail <a href="mailto:help@x.dev" ${LINK}>help@x.dev</a></p>`,
    );
  });

  it("renders Korean text as is", () => {
    expect(renderHtml("**비밀번호 찾기**를 누르세요")).toBe(
      "<p><strong>비밀번호 찾기</strong>를 누르세요</p>",
    );
  });
});
