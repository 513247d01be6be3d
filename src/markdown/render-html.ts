import { isAllowedUrl, isBareLink } from "./link-policy.ts";
import { inlineText, type MdBlock, type MdInline, type MdRoot } from "./model.ts";
import { parseMarkdown } from "./parse.ts";

/** Escapes text for HTML content and double- or single-quoted attributes. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

function inline(nodes: readonly MdInline[]): string {
  let out = "";
  for (const node of nodes) {
    if (node.type === "text") out += escapeHtml(node.value);
    else if (node.type === "break") out += "<br>";
    else if (node.type === "inlineCode") out += `<code>${escapeHtml(node.value)}</code>`;
    else if (node.type === "strong") out += `<strong>${inline(node.children)}</strong>`;
    else if (node.type === "emphasis") out += `<em>${inline(node.children)}</em>`;
    else if (isAllowedUrl(node.url, ["http:", "https:", "mailto:"]))
      out += `<a href="${escapeHtml(node.url)}" target="_blank" rel="noopener noreferrer nofollow">${inline(node.children)}</a>`;
    // `javascript:`, `data:` and relative URLs are never a link: shown as text.
    else if (isBareLink(inlineText(node.children), node.url)) out += inline(node.children);
    else out += `${inline(node.children)} (${escapeHtml(node.url)})`;
  }
  return out;
}

function block(node: MdBlock): string {
  if (node.type === "paragraph") return `<p>${inline(node.children)}</p>`;
  if (node.type === "code") {
    const lang = node.lang !== null && /^[\w+#.-]{1,32}$/.test(node.lang) ? node.lang : undefined;
    return `<pre><code${lang ? ` class="language-${lang}"` : ""}>${escapeHtml(node.value)}</code></pre>`;
  }
  const tag = node.ordered ? "ol" : "ul";
  const start = node.ordered && node.start !== 1 ? ` start="${node.start}"` : "";
  const items = node.children.map((item) => {
    // A tight item's single paragraph goes straight into the <li>.
    const [only] = item.children;
    const body =
      item.children.length === 1 && only?.type === "paragraph"
        ? inline(only.children)
        : item.children.map(block).join("");
    return `<li>${body}</li>`;
  });
  return `<${tag}${start}>${items.join("")}</${tag}>`;
}

/**
 * Renders the core's Markdown (see `model.ts`) as safe HTML for the web chat: every text is
 * escaped, the only tags are `p`, `strong`, `em`, `code`, `pre`, `ul`, `ol`, `li`, `br` and `a`,
 * and a link is only a link for http, https and mailto URLs (never `javascript:`), opening in a
 * new tab without access to the page.
 */
export function renderHtml(markdown: string | MdRoot): string {
  const root = typeof markdown === "string" ? parseMarkdown(markdown) : markdown;
  return root.children.map(block).join("");
}
