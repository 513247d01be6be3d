import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { KbError, loadKnowledgeBase, parseKnowledgeBase } from "../../src/kb/load-kb.ts";

const VALID = `defaultLocale: en
ticketCategories:
  - id: general
    team: "Customer care"
entries:
  - id: opening-hours
    category: general
    questions:
      en: [When are you open?]
      ko: [영업시간이 어떻게 되나요?]
    answer:
      en: Every day 9 to 6.
      ko: 매일 9시부터 6시까지입니다.
  - id: shipping
    category: general
    questions:
      en: [How long does shipping take?]
    answer:
      en: Two days.
`;

function problemsOf(source: string): string[] {
  try {
    parseKnowledgeBase(source, "kb.yaml");
  } catch (error) {
    expect(error).toBeInstanceOf(KbError);
    return (error as KbError).problems;
  }
  throw new Error("expected the KB to be rejected");
}

describe("knowledge base loading", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "switchboard-kb-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("accepts a valid KB", () => {
    const kb = parseKnowledgeBase(VALID);
    expect(kb.entries.map((entry) => entry.id)).toEqual(["opening-hours", "shipping"]);
  });

  it("names the duplicate id, both lines and what to do", () => {
    const [problem] = problemsOf(VALID.replace("id: shipping", "id: opening-hours"));
    expect(problem).toMatch(
      /line 14 \(entry "opening-hours"\): duplicate id "opening-hours" \(first defined at line 6\)/,
    );
    expect(problem).toMatch(/unique id/);
  });

  it("names the entry and locale of a missing answer", () => {
    const source = VALID.replace("      ko: 매일 9시부터 6시까지입니다.\n", "");
    const [problem] = problemsOf(source);
    expect(problem).toMatch(/line 6 \(entry "opening-hours"\): missing answer for locale "ko"/);
  });

  it("reports a YAML syntax error with its line", () => {
    const [problem] = problemsOf(
      VALID.replace(
        "    category: general\n    questions:\n      en: [How long",
        "    category: general\n    questions: [\n      en: [How long",
      ),
    );
    expect(problem).toMatch(/^line \d+, column \d+: YAML syntax error/);
  });

  it("rejects duplicate keys in a mapping", () => {
    const [problem] = problemsOf(
      VALID.replace(
        "    answer:\n      en: Two days.",
        "    answer:\n      en: Two days.\n      en: Three days.",
      ),
    );
    expect(problem).toMatch(/YAML syntax error/);
  });

  it("explains schema problems with the line and entry", () => {
    const problems = problemsOf(VALID.replace("id: shipping", "id: Shipping Info"));
    expect(problems.join("\n")).toMatch(
      /line 14 \(entry "Shipping Info"\): entries\.1\.id: ids are kebab-case/,
    );
  });

  it("rejects an entry whose category is not declared", () => {
    const [problem] = problemsOf(
      VALID.replace("  - id: shipping\n    category: general", "  - id: shipping\n    category: returns"),
    );
    expect(problem).toMatch(/category "returns" is not in ticketCategories/);
  });

  it("names the file when it cannot be read", () => {
    expect(() => loadKnowledgeBase(path.join(dir, "missing.yaml"))).toThrow(
      /missing\.yaml is invalid:\n {2}- cannot read the file .*KB_PATH/,
    );
  });

  it("names the file in the error for a bad file on disk", () => {
    const file = path.join(dir, "bad.yaml");
    writeFileSync(file, "entries: [");
    expect(() => loadKnowledgeBase(file)).toThrow(
      new RegExp(`Knowledge base ${file.replaceAll("/", "\\/")} is invalid`),
    );
  });
});
