import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createSilentLogger } from "../../src/core/logger.ts";
import { createKnowledgeService } from "../../src/kb/knowledge-service.ts";

const kb = (answer: string) => `defaultLocale: en
ticketCategories:
  - { id: general, team: Care }
entries:
  - id: hours
    category: general
    questions: { en: [When are you open?], ko: [영업시간이 어떻게 되나요?] }
    answer: { en: "${answer}", ko: "매일 9시부터 6시까지입니다." }
`;

describe("knowledge service hot reload", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "switchboard-kb-watch-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("reloads a valid edit and keeps the previous KB when an edit is invalid", async () => {
    const file = path.join(dir, "kb.yaml");
    writeFileSync(file, kb("Every day 9 to 6."));
    const service = createKnowledgeService(file);
    const reloaded: number[] = [];
    service.watch(createSilentLogger(), (snapshot) => reloaded.push(snapshot.kb.entries.length));
    try {
      writeFileSync(file, kb("Every day 8 to 8."));
      await expect
        .poll(() => service.current().entry("hours")?.answer.en, { timeout: 5000 })
        .toBe("Every day 8 to 8.");
      writeFileSync(file, "entries: [");
      await new Promise((resolve) => setTimeout(resolve, 600));
      expect(service.current().entry("hours")?.answer.en).toBe("Every day 8 to 8.");
      expect(() => service.reload()).toThrow(/YAML syntax error/);
      expect(service.current().engine.search("When are you open?").candidates[0]?.entryId).toBe("hours");
    } finally {
      service.close();
    }
  });
});
