import type { MdBlock, MdCode, MdInline, MdList, MdRoot } from "./model.ts";

/** What a chat channel's renderer supplies; {@link layoutChat} does the block layout. */
export interface ChatRenderer {
  /** A paragraph's inline content, escaped for the channel. */
  inline(nodes: readonly MdInline[]): string;
  code(node: MdCode): string;
  /** The marker of a list's item at `index` (`•`, `-`, `3.`). */
  marker(list: MdList, index: number): string;
}

/**
 * Lays blocks out as chat text: a blank line between blocks (a single line break where the author
 * wrote none, as under "Steps:"), one line per list item with its marker, and item content past
 * the first line indented under the marker so nested lists stay nested.
 */
export function layoutChat(root: MdRoot, renderer: ChatRenderer): string {
  return layoutBlocks(root.children, renderer);
}

function layoutBlocks(blocks: readonly MdBlock[], renderer: ChatRenderer): string {
  let out = "";
  for (const block of blocks) {
    const text = layoutBlock(block, renderer);
    if (text === "") continue;
    out += out === "" ? text : `${block.joined ? "\n" : "\n\n"}${text}`;
  }
  return out;
}

function layoutBlock(block: MdBlock, renderer: ChatRenderer): string {
  if (block.type === "paragraph") return renderer.inline(block.children).trim();
  if (block.type === "code") return renderer.code(block);
  return block.children
    .map((item, index) => {
      const marker = renderer.marker(block, index);
      const pad = " ".repeat(marker.length + 1);
      const body = item.children
        .map((child) => layoutBlock(child, renderer))
        .filter((text) => text !== "")
        .join("\n");
      return `${marker} ${body.replaceAll("\n", `\n${pad}`)}`;
    })
    .join("\n");
}

/** The marker of a list item as chat text shows it: `bullet`, or the item's number and a dot. */
export function listMarker(bullet: string): (list: MdList, index: number) => string {
  return (list, index) => (list.ordered ? `${list.start + index}.` : bullet);
}
