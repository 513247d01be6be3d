import fc from "fast-check";
import { fromMarkdown } from "mdast-util-from-markdown";
import { gfmFromMarkdown } from "mdast-util-gfm";
import { gfm } from "micromark-extension-gfm";
import { describe, expect, it } from "vitest";
import { chunksOf, MAX_CHUNK_CHARS } from "../../src/markdown/chunks.ts";
import { escapeMarkdown, markdownLink } from "../../src/markdown/escape-markdown.ts";
import { inlineText, type MdRoot } from "../../src/markdown/model.ts";
import { parseMarkdown } from "../../src/markdown/parse.ts";

const paragraph = (root: MdRoot) => {
  const [first] = root.children;
  if (first?.type !== "paragraph") throw new Error(`expected a paragraph, got ${first?.type}`);
  return first.children;
};

describe("parsing the core's Markdown into the subset", () => {
  it("reads paragraphs, bold, italic, code, links, lists, code blocks and hard breaks", () => {
    const root = parseMarkdown(
      "Open **Library** and *then* `Copy`: [docs](https://x.dev).  \nNext line\n\n- one\n- two\n\n3. three\n\n```ts\nconst a = 1;\n```",
    );
    expect(root).toEqual({
      type: "root",
      children: [
        {
          type: "paragraph",
          children: [
            { type: "text", value: "Open " },
            { type: "strong", children: [{ type: "text", value: "Library" }] },
            { type: "text", value: " and " },
            { type: "emphasis", children: [{ type: "text", value: "then" }] },
            { type: "text", value: " " },
            { type: "inlineCode", value: "Copy" },
            { type: "text", value: ": " },
            { type: "link", url: "https://x.dev", children: [{ type: "text", value: "docs" }] },
            { type: "text", value: "." },
            { type: "break" },
            { type: "text", value: "Next line" },
          ],
        },
        {
          type: "list",
          ordered: false,
          start: 1,
          children: [
            {
              type: "listItem",
              children: [{ type: "paragraph", children: [{ type: "text", value: "one" }] }],
            },
            {
              type: "listItem",
              children: [{ type: "paragraph", children: [{ type: "text", value: "two" }] }],
            },
          ],
        },
        {
          type: "list",
          ordered: true,
          start: 3,
          children: [
            {
              type: "listItem",
              children: [{ type: "paragraph", children: [{ type: "text", value: "three" }] }],
            },
          ],
        },
        { type: "code", lang: "ts", value: "const a = 1;" },
      ],
    });
  });

  it("marks a block that follows the previous one without a blank line", () => {
    const root = parseMarkdown("Steps:\n- copy\n\nDone.");
    expect(root.children.map((block) => [block.type, block.joined ?? false])).toEqual([
      ["paragraph", false],
      ["list", true],
      ["paragraph", false],
    ]);
  });

  it("turns bare web addresses and emails into links (GFM autolinks)", () => {
    const nodes = paragraph(parseMarkdown("See https://x.dev/a_b or www.x.dev, mail help@x.dev"));
    expect(nodes.filter((node) => node.type === "link").map((node) => node.url)).toEqual([
      "https://x.dev/a_b",
      "http://www.x.dev",
      "mailto:help@x.dev",
    ]);
  });

  it("degrades everything outside the subset to text", () => {
    const root = parseMarkdown(
      "# Title\n\n> quoted **bold**\n\n<b>raw</b> ~~old~~ ![img](x.png)\n\n|a|b|\n|-|-|\n|1|2|\n\n---",
    );
    expect(root.children).toEqual([
      { type: "paragraph", children: [{ type: "strong", children: [{ type: "text", value: "Title" }] }] },
      {
        type: "paragraph",
        children: [
          { type: "text", value: "quoted " },
          { type: "strong", children: [{ type: "text", value: "bold" }] },
        ],
      },
      { type: "paragraph", children: [{ type: "text", value: "<b>raw</b> ~~old~~ ![img](x.png)" }] },
      { type: "paragraph", children: [{ type: "text", value: "|a|b|\n|-|-|\n|1|2|" }] },
      { type: "paragraph", children: [{ type: "text", value: "---" }] },
    ]);
  });

  it("keeps task list boxes as text", () => {
    const [list] = parseMarkdown("- [x] done\n- [ ] open").children;
    expect(list?.type === "list" && list.children.map((item) => item.children)).toEqual([
      [{ type: "paragraph", children: [{ type: "text", value: "[x] done" }] }],
      [{ type: "paragraph", children: [{ type: "text", value: "[ ] open" }] }],
    ]);
  });

  it("parses a long text in chunks without splitting a paragraph or a code block", () => {
    const long = "word ".repeat(MAX_CHUNK_CHARS / 2).trim();
    const code = `\`\`\`\n${"line\n\n".repeat(10)}\`\`\``;
    const root = parseMarkdown(`**${long}**\n\n${code}\n\n${"more text ".repeat(600)}`);
    expect(root.children.map((block) => block.type)).toEqual(["paragraph", "code", "paragraph"]);
    const [first] = root.children;
    // Cut in the middle, the bold span cannot be parsed as one: the text is whole either way.
    expect(first?.type === "paragraph" && inlineText(first.children)).toBe(`**${long}**`);
  });

  it("shows text too dense in Markdown punctuation to parse cheaply as text", () => {
    const text = `${"*_".repeat(300)} and **bold**`;
    expect(parseMarkdown(text).children).toEqual([
      { type: "paragraph", children: [{ type: "text", value: text }] },
    ]);
    const nested = "> > > > > > > > deep";
    expect(parseMarkdown(`${nested}\n\nthen **bold**`).children).toEqual([
      { type: "paragraph", children: [{ type: "text", value: nested }] },
      {
        type: "paragraph",
        children: [
          { type: "text", value: "then " },
          { type: "strong", children: [{ type: "text", value: "bold" }] },
        ],
      },
    ]);
  });

  it("reads prose without micromark exactly as micromark would (property test)", () => {
    const piece = fc.constantFrom(
      ...["a", "가", " ", "    ", "\n", "\n\n", "\n  \n", "1", "1.", "2)", ".", ":", "-", "#", "=", "+", "*"],
      ...[
        "http://x.y",
        "www.x.y",
        "@",
        "a@b.co",
        "\t",
        "\u00a0",
        "!",
        "?",
        "(",
        ")",
        "'",
        '"',
        "/",
        "%",
        "\ufeff",
      ],
    );
    let prose = 0;
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        const text = pieces.join("");
        if (!chunksOf(text).every((chunk) => chunk.mode === "prose")) return;
        prose++;
        const parsed = fromMarkdown(text, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
        const expected = parsed.children.map((block) => ({
          type: block.type,
          children:
            "children" in block ? block.children.map((node) => ({ ...node, position: undefined })) : [],
        }));
        const actual = parseMarkdown(text).children.map((block) => ({
          type: block.type,
          children:
            "children" in block ? block.children.map((node) => ({ ...node, position: undefined })) : [],
        }));
        expect(actual).toEqual(expected);
      }),
      { numRuns: 2_000 },
    );
    expect(prose).toBeGreaterThan(200);
  });

  it("treats CRLF like LF", () => {
    expect(parseMarkdown("a\r\n\r\nb").children).toHaveLength(2);
  });
});

describe("escaping text into Markdown", () => {
  it("reads back as exactly the text (property test)", () => {
    const piece = fc.constantFrom(
      "*",
      "_",
      "`",
      "[",
      "]",
      "(",
      ")",
      "<",
      ">",
      "#",
      "-",
      "1.",
      "~",
      "|",
      "\\",
      "&amp;",
      "a",
      " ",
      "가",
      "!",
      "+",
    );
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 20 }), (pieces) => {
        const text = pieces.join("").trim();
        fc.pre(text !== "");
        const root = parseMarkdown(escapeMarkdown(text));
        expect(root.children).toHaveLength(1);
        expect(inlineText(paragraph(root))).toBe(text);
      }),
      { numRuns: 500 },
    );
  });

  it("makes a link whose label and URL are taken literally", () => {
    const [link] = paragraph(parseMarkdown(markdownLink("Plans [new] *", "https://x.dev/a_(b)")));
    expect(link).toEqual({
      type: "link",
      url: "https://x.dev/a_(b)",
      children: [{ type: "text", value: "Plans [new] *" }],
    });
  });
});
