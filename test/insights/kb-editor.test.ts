import { copyFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { changeLogPathFor } from "../../src/insights/kb-editor/kb-change-log.ts";
import { createKbEditor } from "../../src/insights/kb-editor/kb-editor.ts";
import { createKnowledgeService, type KnowledgeService } from "../../src/kb/knowledge-service.ts";
import { FIXTURE_KB, hasFixtureKb } from "../helpers/bot-harness.ts";

describe.skipIf(!hasFixtureKb)("the KB editor service", () => {
  let dir: string;
  let file: string;
  let knowledge: KnowledgeService;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "kb-editor-service-"));
    file = path.join(dir, "kb.yaml");
    copyFileSync(FIXTURE_KB, file);
    knowledge = createKnowledgeService(file);
  });
  afterEach(() => {
    knowledge.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("reports every problem of a draft at once and writes nothing", async () => {
    const editor = createKbEditor({ file, knowledge });
    const before = readFileSync(file, "utf8");
    const result = await editor.save({
      kind: "create-entry",
      editor: "",
      entry: {
        id: "Gift Cards",
        category: "nope",
        questions: { en: ["Gift cards?"], ko: ["기프트카드?"] },
        answer: {},
      },
    });
    expect(result.ok).toBe(false);
    const fields = result.ok ? [] : result.errors.map((error) => error.field).sort();
    expect(fields).toEqual(["editor", "entry.answer.en", "entry.answer.ko", "entry.category", "entry.id"]);
    expect(readFileSync(file, "utf8")).toBe(before);
    expect(editor.changes()).toEqual([]);
  });

  it("serialises saves: two at once both land, each recorded", async () => {
    const editor = createKbEditor({ file, knowledge, now: () => 1_700_000_000_000 });
    const add = (question: string) =>
      editor.save({
        kind: "add-questions",
        editor: "Jun",
        entryId: "coupon-code",
        questions: { en: [question] },
      });
    const results = await Promise.all([add("Is there a student discount?"), add("Do you have promo codes?")]);
    expect(results.map((r) => r.ok)).toEqual([true, true]);
    expect(knowledge.current().entry("coupon-code")?.questions.en).toEqual(
      expect.arrayContaining(["Is there a student discount?", "Do you have promo codes?"]),
    );
    const lines = readFileSync(changeLogPathFor(file), "utf8").trim().split("\n");
    expect(lines.map((line) => JSON.parse(line).added.en[0])).toEqual([
      "Is there a student discount?",
      "Do you have promo codes?",
    ]);
    expect(JSON.parse(lines[0] as string)).toMatchObject({
      at: 1_700_000_000_000,
      editor: "Jun",
      kind: "add-questions",
    });
  });
});
