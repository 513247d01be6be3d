/**
 * The core's rich-text model: the subset of mdast every channel can show. Replies are written as
 * Markdown, parsed once by {@link parseMarkdown} into this tree, and each channel renders the tree
 * (`render-*.ts`). Node shapes are mdast's (same `type` names and fields), so the tree is valid
 * mdast; only these nodes ever occur:
 *
 * - blocks: `paragraph`, `code` (fenced or indented), `list` (bullet or ordered) of `listItem`s;
 * - inline: `text`, `strong`, `emphasis`, `inlineCode`, `link`, `break` (a hard line break).
 *
 * Everything else degrades to text: a heading is a paragraph in bold, a block quote is its content,
 * raw HTML is shown as the text it is, and tables, images, strikethrough, references, footnotes
 * and thematic breaks show the Markdown the author wrote. A soft line break stays a `\n` inside a
 * `text` value; each channel decides whether it is shown as a line break or a space.
 *
 * @see https://github.com/syntax-tree/mdast
 */

/** Plain text. May contain `\n` (a soft line break). Never escaped: renderers escape it. */
export interface MdText {
  type: "text";
  value: string;
}

export interface MdStrong {
  type: "strong";
  children: MdInline[];
}

export interface MdEmphasis {
  type: "emphasis";
  children: MdInline[];
}

export interface MdInlineCode {
  type: "inlineCode";
  value: string;
}

/**
 * A link. `url` is whatever the author wrote (normalised by the parser): renderers decide which
 * schemes become links on their channel (see `link-policy.ts`) and show the others as text.
 */
export interface MdLink {
  type: "link";
  url: string;
  children: MdInline[];
}

/** A hard line break (two trailing spaces or a backslash at the end of a line). */
export interface MdBreak {
  type: "break";
}

export type MdInline = MdText | MdStrong | MdEmphasis | MdInlineCode | MdLink | MdBreak;

/**
 * Blocks carry `joined: true` when they follow the previous block on the next line, with no blank
 * line between (a list right under its lead-in sentence): chat channels keep them together.
 */
interface BlockBase {
  joined?: true;
}

export interface MdParagraph extends BlockBase {
  type: "paragraph";
  children: MdInline[];
}

export interface MdCode extends BlockBase {
  type: "code";
  /** The info string's first word (`ts` in ```` ```ts ````), or null. */
  lang: string | null;
  value: string;
}

export interface MdListItem {
  type: "listItem";
  children: MdBlock[];
}

export interface MdList extends BlockBase {
  type: "list";
  ordered: boolean;
  /** Number of the first item of an ordered list (1 for bullet lists). */
  start: number;
  children: MdListItem[];
}

export type MdBlock = MdParagraph | MdCode | MdList;

export interface MdRoot {
  type: "root";
  children: MdBlock[];
}

/** The text a reader sees in inline content, without any markup (link labels, fallbacks). */
export function inlineText(nodes: readonly MdInline[]): string {
  let out = "";
  for (const node of nodes) {
    if (node.type === "text" || node.type === "inlineCode") out += node.value;
    else if (node.type === "break") out += "\n";
    else out += inlineText(node.children);
  }
  return out;
}
