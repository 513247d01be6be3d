/**
 * Cuts Markdown into pieces the parser can take in bounded time. micromark is correct but not
 * linear on adversarial text: resolving emphasis walks back over every unmatched delimiter
 * (100 KB of `*_` took minutes), deep nesting (`> > > …`, `1. 1. 1. …` on one line) and tables
 * cost the square of their size, and `[a](` runs are slow. Bot replies are a few KB, but they
 * quote customers, and one adversarial message must not block the event loop for everyone.
 *
 * So, in one linear scan: the text is cut into blocks at blank lines (never inside a fenced code
 * block), a block longer than {@link MAX_CHUNK_CHARS} is cut at a line (else a space) and marked
 * as continuing, and neighbouring blocks are grouped into chunks of at most that size. A chunk
 * with more than {@link MAX_MARKUP} Markdown punctuation characters, or a line nesting more than
 * {@link MAX_NESTING} containers, is not parsed at all: it is shown as text. Each parse then costs
 * at most a bounded amount, and the whole text a bounded amount per chunk: linear.
 */

/** Longest text given to the parser at once (a channel's message is about this long). */
export const MAX_CHUNK_CHARS = 4_000;
/** Most emphasis, code, link, HTML and table characters a chunk may hold and still be parsed. */
export const MAX_MARKUP = 256;
/** Most block quotes and list markers one line may open and still be parsed. */
export const MAX_NESTING = 6;

export interface Chunk {
  text: string;
  /** False: too dense in Markdown punctuation to parse cheaply; shown as text. */
  parse: boolean;
  /**
   * Set when a long block was cut: the chunk continues the paragraph the previous chunk ended
   * with, joined by this (`"\n"` cut at a line, `" "` at a space, `""` within a word).
   */
  continues?: string;
}

interface Block {
  text: string;
  markup: number;
  nesting: number;
  continues?: string;
  /** The block starts inside a fenced code block that was cut: its lines are counted too. */
  midFence?: boolean;
}

const BACKTICK = 0x60;
const TILDE = 0x7e;

/** Characters whose runs make micromark work hard: emphasis, code, links, HTML, tables, escapes. */
function isMarkup(code: number): boolean {
  return (
    code === 0x2a /* * */ ||
    code === 0x5f /* _ */ ||
    code === BACKTICK ||
    code === 0x5b /* [ */ ||
    code === 0x5d /* ] */ ||
    code === 0x3c /* < */ ||
    code === 0x3e /* > */ ||
    code === 0x7c /* | */ ||
    code === TILDE ||
    code === 0x5c /* \ */ ||
    code === 0x26 /* & */
  );
}

const isBlank = (line: string): boolean => /^[ \t]*$/.test(line);

/**
 * The fence a line opens: three or more backticks (with no backtick in the info string) or tildes
 * at column 0 only. A fence at column 0 is never inside a list item or quote, so only its closing
 * fence ends it, as in micromark; anything less certain is counted as markup (the safe side).
 */
function openedFence(line: string): { char: number; length: number } | undefined {
  const char = line.charCodeAt(0);
  if (char !== BACKTICK && char !== TILDE) return undefined;
  let length = 0;
  while (line.charCodeAt(length) === char) length++;
  if (length < 3) return undefined;
  if (char === BACKTICK && line.includes("`", length)) return undefined;
  return { char, length };
}

function closesFence(line: string, fence: { char: number; length: number }): boolean {
  let at = 0;
  while (at < 3 && line[at] === " ") at++;
  let length = 0;
  while (line.charCodeAt(at + length) === fence.char) length++;
  return length >= fence.length && isBlank(line.slice(at + length));
}

/** How many block quotes and list markers open at the start of a line. */
function nestingOf(line: string): number {
  let depth = 0;
  let at = 0;
  for (;;) {
    while (line[at] === " " || line[at] === "\t") at++;
    const char = line[at];
    if (char === ">") {
      depth++;
      at++;
      continue;
    }
    let end = at;
    if (char === "-" || char === "*" || char === "+") end = at + 1;
    else {
      while (end - at < 9 && line.charCodeAt(end) >= 0x30 && line.charCodeAt(end) <= 0x39) end++;
      if (end === at || (line[end] !== "." && line[end] !== ")")) return depth;
      end++;
    }
    if (line[end] !== " " && line[end] !== "\t") return depth;
    depth++;
    at = end;
  }
}

/** Splits into blocks at blank lines outside fenced code, measuring each character once. */
function blocksOf(source: string): Block[] {
  const blocks: Block[] = [];
  let current: Block = { text: "", markup: 0, nesting: 0 };
  let fence: { char: number; length: number } | undefined;
  const flush = (continues?: string) => {
    if (current.text !== "") blocks.push(current);
    current = { text: "", markup: 0, nesting: 0, ...(continues === undefined ? {} : { continues }) };
  };
  for (const line of source.split("\n")) {
    let counted = true;
    if (fence) {
      if (closesFence(line, fence)) fence = undefined;
      counted = false;
    } else if (isBlank(line)) {
      flush();
      continue;
    } else {
      fence = openedFence(line);
      counted = fence === undefined;
    }
    const nesting = counted ? nestingOf(line) : 0;
    for (const piece of cutLong(line)) {
      if (current.text !== "" && current.text.length + piece.text.length + 1 > MAX_CHUNK_CHARS) {
        flush(piece.joinWith);
        // micromark will not know this text is code: count it like any other.
        if (fence) current.midFence = true;
      }
      if (counted || current.midFence) {
        for (let at = 0; at < piece.text.length; at++)
          if (isMarkup(piece.text.charCodeAt(at))) current.markup++;
        current.nesting = Math.max(current.nesting, nesting);
      }
      current.text = current.text === "" ? piece.text : `${current.text}\n${piece.text}`;
    }
  }
  flush();
  return blocks;
}

/** A line longer than a chunk, cut at spaces where it can be (else anywhere). */
function cutLong(line: string): { text: string; joinWith: string }[] {
  if (line.length <= MAX_CHUNK_CHARS) return [{ text: line, joinWith: "\n" }];
  const pieces: { text: string; joinWith: string }[] = [];
  let joinWith = "\n";
  let from = 0;
  while (line.length - from > MAX_CHUNK_CHARS) {
    const space = line.lastIndexOf(" ", from + MAX_CHUNK_CHARS - 1);
    const atSpace = space >= from + MAX_CHUNK_CHARS / 2;
    const cut = atSpace ? space : from + MAX_CHUNK_CHARS - 1;
    pieces.push({ text: line.slice(from, cut), joinWith });
    joinWith = atSpace ? " " : "";
    from = atSpace ? cut + 1 : cut;
  }
  pieces.push({ text: line.slice(from), joinWith });
  return pieces;
}

/**
 * The chunks of a Markdown text, in order. Joined with blank lines (or, where `continues`, with a
 * line break) they are the text again, up to the markup of cut blocks.
 */
export function chunksOf(source: string): Chunk[] {
  const chunks: Chunk[] = [];
  let group: Block | undefined;
  const emit = (block: Block) =>
    chunks.push({
      text: block.text,
      parse: block.markup <= MAX_MARKUP && block.nesting <= MAX_NESTING,
      ...(block.continues === undefined ? {} : { continues: block.continues }),
    });
  for (const block of blocksOf(source)) {
    const fits =
      group !== undefined &&
      block.continues === undefined &&
      group.text.length + block.text.length + 2 <= MAX_CHUNK_CHARS &&
      group.markup + block.markup <= MAX_MARKUP &&
      block.nesting <= MAX_NESTING;
    if (group && fits) {
      group.text = `${group.text}\n\n${block.text}`;
      group.markup += block.markup;
    } else {
      if (group) emit(group);
      group = { ...block };
    }
  }
  if (group) emit(group);
  return chunks;
}
