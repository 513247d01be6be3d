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
 * {@link MAX_NESTING} containers, or more than {@link MAX_LINES} lines, is not parsed at all: it
 * is shown as text. Each parse then costs at most a bounded amount, and the whole text a bounded
 * amount per chunk: linear.
 *
 * Prose — a chunk in which nothing could be Markdown (see {@link isProseLine}) — is not given to
 * micromark either: its paragraphs are known without it, and that is most text, ten times faster.
 */

/** Longest text given to the parser at once (a channel's message is about this long). */
export const MAX_CHUNK_CHARS = 4_000;
/** Most emphasis, code, link, HTML and table characters a chunk may hold and still be parsed. */
export const MAX_MARKUP = 256;
/** Most block quotes and list markers one line may open and still be parsed. */
export const MAX_NESTING = 6;
/** Most lines a chunk may hold and still be parsed (micromark spends ~50 µs on each). */
export const MAX_LINES = 300;

export interface Chunk {
  text: string;
  /**
   * `markdown`: parse it. `prose`: nothing in it can be Markdown; `paragraphs` are its paragraphs.
   * `text`: too dense in Markdown punctuation to parse cheaply; shown as text.
   */
  mode: "markdown" | "prose" | "text";
  /** The paragraphs of a `prose` chunk, as the parser would read them. */
  paragraphs: string[];
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
  lines: number;
  /** Every line so far is prose. */
  prose: boolean;
  /** The paragraph a prose block reads as (lines without their leading spaces). */
  paragraph: string;
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

const isBlank = (line: string): boolean => line.length === 0 || /^[ \t]*$/.test(line);

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

/** How many block quotes, list markers and levels of indentation open at the start of a line. */
function nestingOf(line: string): number {
  let depth = 0;
  let at = 0;
  for (;;) {
    const from = at;
    while (line[at] === " " || line[at] === "\t") at++;
    // Indentation nests too (a list inside a list), about one level per four columns.
    if (from === 0) depth += Math.floor(at / 4);
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

/**
 * True when no part of the line can be Markdown, so micromark would read it as paragraph text
 * with its leading spaces removed: no markup character (counted apart), no line-start marker
 * (heading, list, setext underline, indented code), nothing GFM autolinks, no tab, no trailing
 * space (a hard break) and no NUL or BOM (which the parser replaces).
 */
function isProseLine(line: string): boolean {
  let at = 0;
  while (line[at] === " ") at++;
  if (at >= 4 || line.endsWith(" ")) return false;
  if (/^[#=+-]/.test(line.slice(at)) || /^\d{1,9}[.)]/.test(line.slice(at))) return false;
  return !/[\t\0\ufeff@]|:\/\/|www\./i.test(line);
}

/** Splits into blocks at blank lines outside fenced code, measuring each character once. */
function blocksOf(source: string): Block[] {
  const blocks: Block[] = [];
  const fresh = (continues?: string): Block => ({
    text: "",
    markup: 0,
    nesting: 0,
    lines: 0,
    prose: true,
    paragraph: "",
    ...(continues === undefined ? {} : { continues }),
  });
  let current = fresh();
  let fence: { char: number; length: number } | undefined;
  const flush = (continues?: string) => {
    if (current.text === "") return;
    blocks.push(current);
    current = fresh(continues);
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
      current.prose &&= counted && current.markup === 0 && isProseLine(piece.text);
      if (current.prose) {
        const read = piece.text.replace(/^ +/, "");
        current.paragraph = current.text === "" ? read : `${current.paragraph}\n${read}`;
      }
      current.lines++;
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
  let group: (Block & { paragraphs: string[] }) | undefined;
  const emit = (block: Block & { paragraphs: string[] }) => {
    const parse = block.markup <= MAX_MARKUP && block.nesting <= MAX_NESTING && block.lines <= MAX_LINES;
    chunks.push({
      text: block.text,
      mode: block.prose ? "prose" : parse ? "markdown" : "text",
      paragraphs: block.prose ? block.paragraphs : [],
      ...(block.continues === undefined ? {} : { continues: block.continues }),
    });
  };
  for (const block of blocksOf(source)) {
    const fits =
      group !== undefined &&
      block.continues === undefined &&
      group.text.length + block.text.length + 2 <= MAX_CHUNK_CHARS &&
      group.markup + block.markup <= MAX_MARKUP &&
      group.lines + block.lines <= MAX_LINES &&
      group.nesting <= MAX_NESTING &&
      block.nesting <= MAX_NESTING;
    if (group && fits) {
      group.text = `${group.text}\n\n${block.text}`;
      group.markup += block.markup;
      group.nesting = Math.max(group.nesting, block.nesting);
      group.lines += block.lines + 1;
      group.prose &&= block.prose;
      group.paragraphs.push(block.paragraph);
    } else {
      if (group) emit(group);
      group = { ...block, paragraphs: [block.paragraph] };
    }
  }
  if (group) emit(group);
  return chunks;
}
