import { describe, expect, it } from "vitest";
import { applyKbEdit } from "../../src/insights/kb-editor/kb-yaml-edit.ts";
import { parseKnowledgeBase } from "../../src/kb/load-kb.ts";

const SOURCE = `# Operator's KB: keep this header
defaultLocale: en
ticketCategories:
  - id: general
    team: "Basic inquiries" # the front line
entries:
  # Shipping questions come first: most asked.
  - id: shipping-time
    category: general
    questions:
      en:
        - How long does shipping take?
    answer:
      en: |
        Two to three days.
        Longer on holidays.
      ko: 2~3일 걸립니다.
    links:
      - label: Tracking
        url: https://example.com/track
`;
const AT = Date.UTC(2026, 11, 2);

/** Mina adds a one-question English entry of the `general` category to SOURCE. */
const createEntry = (id: string, question: string, answer: string) =>
  applyKbEdit(
    SOURCE,
    {
      kind: "create-entry",
      editor: "Mina",
      entry: { id, category: "general", questions: { en: [question] }, answer: { en: answer } },
    },
    AT,
  );

describe("KB YAML edits (Document API)", () => {
  it("adds new questions in a new locale and skips ones the entry has, keeping every other line", () => {
    const result = applyKbEdit(
      SOURCE,
      {
        kind: "add-questions",
        editor: "Mina",
        entryId: "shipping-time",
        questions: {
          en: ["how long does shipping take?", "When will my order arrive?"],
          ko: ["배송은 얼마나 걸려요?"],
        },
      },
      AT,
    );
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.added).toEqual({ en: ["When will my order arrive?"], ko: ["배송은 얼마나 걸려요?"] });
    for (const line of SOURCE.split("\n")) expect(result.text).toContain(line);
    const kb = parseKnowledgeBase(result.text);
    expect(kb.entries[0]?.questions).toEqual({
      en: ["How long does shipping take?", "When will my order arrive?"],
      ko: ["배송은 얼마나 걸려요?"],
    });
  });

  it("updates an entry's answer in place: comments, block scalars elsewhere and key order stay", () => {
    const result = applyKbEdit(
      SOURCE,
      {
        kind: "update-entry",
        editor: "Mina",
        entry: {
          id: "shipping-time",
          category: "general",
          questions: { en: ["How long does shipping take?"] },
          answer: { en: "Two to three days.\nLonger on holidays.\n", ko: "보통 2~3일 걸립니다." },
          links: [{ label: "Tracking", url: "https://example.com/track" }],
        },
      },
      AT,
    );
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.fields).toEqual(["answer"]);
    expect(result.text).toContain("# Operator's KB: keep this header");
    expect(result.text).toContain('team: "Basic inquiries" # the front line');
    expect(result.text).toContain("# Shipping questions come first: most asked.");
    expect(parseKnowledgeBase(result.text).entries[0]?.answer.ko).toBe("보통 2~3일 걸립니다.");
    expect(result.text.indexOf("questions:")).toBeLessThan(result.text.indexOf("answer:"));
    expect(result.text.indexOf("answer:")).toBeLessThan(result.text.indexOf("links:"));
  });

  it("refuses a new entry whose id exists, and an edit of an entry that does not", () => {
    const duplicate = createEntry("shipping-time", "x?", "y");
    expect(duplicate).toEqual({ ok: false, errors: [expect.objectContaining({ field: "entry.id" })] });
    const missing = applyKbEdit(
      SOURCE,
      { kind: "add-questions", editor: "Mina", entryId: "nope", questions: { en: ["x?"] } },
      AT,
    );
    expect(missing).toEqual({ ok: false, errors: [expect.objectContaining({ field: "entryId" })] });
  });

  it("appends a new entry after the others with a comment saying who added it", () => {
    const result = createEntry("gift-cards", "Do you sell gift cards?", "Not yet.");
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.text.startsWith(SOURCE)).toBe(true);
    expect(result.text.slice(SOURCE.length)).toContain("# Added from /insights by Mina on 2026-12-02");
    expect(parseKnowledgeBase(result.text).entries.map((e) => e.id)).toEqual(["shipping-time", "gift-cards"]);
  });
});
