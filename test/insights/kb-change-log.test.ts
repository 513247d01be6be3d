import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createKbChangeLog } from "../../src/insights/kb-editor/kb-change-log.ts";

describe("the KB change log", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "kb-change-log-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("lists the readable changes, newest first, past a line cut short by a crash mid-append", () => {
    const file = path.join(dir, "kb.changes.jsonl");
    const first = {
      at: 1,
      editor: "Mina",
      kind: "add-questions" as const,
      entryId: "a",
      added: { en: ["x?"] },
    };
    const second = { at: 2, editor: "민아", kind: "update-entry" as const, entryId: "b", fields: ["answer"] };
    writeFileSync(file, `${JSON.stringify(first)}\n{"at":3,"editor":"Jo\n${JSON.stringify(second)}\n`);
    expect(createKbChangeLog(file).list()).toEqual([second, first]);
  });
});
