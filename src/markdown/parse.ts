import type { List, PhrasingContent, RootContent } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";
import { gfmFromMarkdown } from "mdast-util-gfm";
import { gfm } from "micromark-extension-gfm";
import { chunksOf } from "./chunks.ts";
import type { MdBlock, MdInline, MdListItem, MdRoot } from "./model.ts";

// GFM for its autolinks (a bare https://… or www.… is a link, so no channel escapes it into a
// broken URL); its tables, strikethrough, task lists and footnotes degrade to text below.
const PARSE_OPTIONS = { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] };

/**
 * Parses the core's Markdown into the subset of mdast described in `model.ts`. Linear in the
 * length of the text, whatever it holds: see `chunks.ts` for how adversarial text is bounded.
 */
export function parseMarkdown(markdown: string): MdRoot {
  const children: MdBlock[] = [];
  for (const chunk of chunksOf(markdown.replace(/\r\n?/g, "\n"))) {
    const blocks: MdBlock[] =
      chunk.mode === "markdown"
        ? convertBlocks(fromMarkdown(chunk.text, PARSE_OPTIONS).children, chunk.text)
        : chunk.mode === "prose"
          ? chunk.paragraphs.map((value) => ({ type: "paragraph", children: [{ type: "text", value }] }))
          : [{ type: "paragraph", children: [{ type: "text", value: chunk.text }] }];
    const last = children.at(-1);
    const first = blocks[0];
    if (chunk.continues !== undefined && last?.type === "paragraph" && first?.type === "paragraph") {
      // A long paragraph was cut to parse it: put it back together.
      last.children = mergeText([
        ...last.children,
        { type: "text", value: chunk.continues },
        ...first.children,
      ]);
      blocks.shift();
    }
    children.push(...blocks);
  }
  return { type: "root", children };
}

/** The Markdown a node was written as: what a node outside the subset degrades to. */
function sourceOf(node: RootContent, source: string): string {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  return start === undefined || end === undefined ? "" : source.slice(start, end);
}

function convertBlocks(nodes: readonly RootContent[], source: string): MdBlock[] {
  const out: MdBlock[] = [];
  let previousEnd: number | undefined;
  for (const node of nodes) {
    const converted = convertBlock(node, source);
    const first = converted[0];
    if (first && previousEnd !== undefined && node.position?.start.line === previousEnd + 1)
      first.joined = true;
    out.push(...converted);
    previousEnd = node.position?.end.line;
  }
  return out;
}

function textParagraph(value: string): MdBlock[] {
  return value.trim() === "" ? [] : [{ type: "paragraph", children: [{ type: "text", value }] }];
}

function convertBlock(node: RootContent, source: string): MdBlock[] {
  switch (node.type) {
    case "paragraph":
      return [{ type: "paragraph", children: convertInline(node.children, source) }];
    case "heading": {
      const children = convertInline(node.children, source);
      return children.length === 0 ? [] : [{ type: "paragraph", children: [{ type: "strong", children }] }];
    }
    case "code":
      // An empty block (a stray fence) shows nothing.
      return node.value.trim() === "" ? [] : [{ type: "code", lang: node.lang ?? null, value: node.value }];
    case "list":
      return [convertList(node, source)];
    case "blockquote":
      return convertBlocks(node.children, source);
    case "html":
      return textParagraph(node.value);
    default:
      // Tables, thematic breaks, definitions, footnotes: shown as written.
      return textParagraph(sourceOf(node, source));
  }
}

function convertList(list: List, source: string): MdBlock {
  const items: MdListItem[] = list.children.map((item) => {
    const children = convertBlocks(item.children, source);
    const first = children[0];
    if (typeof item.checked === "boolean") {
      // A task list item keeps its box as text.
      const box = { type: "text" as const, value: item.checked ? "[x] " : "[ ] " };
      if (first?.type === "paragraph") first.children = mergeText([box, ...first.children]);
      else children.unshift({ type: "paragraph", children: [box] });
    }
    return { type: "listItem", children };
  });
  return { type: "list", ordered: list.ordered === true, start: list.start ?? 1, children: items };
}

function convertInline(nodes: readonly PhrasingContent[], source: string): MdInline[] {
  const out: MdInline[] = [];
  for (const node of nodes) {
    switch (node.type) {
      case "text":
      case "inlineCode":
        out.push({ type: node.type, value: node.value });
        break;
      case "strong":
      case "emphasis":
        out.push({ type: node.type, children: convertInline(node.children, source) });
        break;
      case "link":
        out.push({ type: "link", url: node.url, children: convertInline(node.children, source) });
        break;
      case "break":
        out.push({ type: "break" });
        break;
      case "html":
        out.push({ type: "text", value: node.value });
        break;
      default:
        // Images, strikethrough, references, footnote calls: shown as written.
        out.push({ type: "text", value: sourceOf(node, source) });
    }
  }
  return mergeText(out);
}

/** Adjacent text nodes as one (degraded nodes leave text next to text). */
function mergeText(nodes: MdInline[]): MdInline[] {
  const out: MdInline[] = [];
  for (const node of nodes) {
    const last = out.at(-1);
    if (node.type === "text" && last?.type === "text") last.value += node.value;
    else if (node.type !== "text" || node.value !== "") out.push(node.type === "text" ? { ...node } : node);
  }
  return out;
}
