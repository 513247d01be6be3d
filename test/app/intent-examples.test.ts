import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../src/app/config.ts";
import { collectIntentExamples, loadOperatorIntents } from "../../src/app/intent-examples.ts";
import { parseKnowledgeBase } from "../../src/kb/load-kb.ts";
import { ConfigError } from "../../src/model/errors.ts";
import { createOfflineUnderstander } from "../../src/understanding/offline-understander.ts";

const KB = parseKnowledgeBase(`defaultLocale: en
ticketCategories: [{ id: general, team: Care }]
entries:
  - id: opening-hours
    category: general
    questions: { en: [When are you open?, What are your opening hours?], ko: [영업시간이 어떻게 되나요?] }
    answer: { en: Every day 9 to 6., ko: 매일 9시부터 6시까지입니다. }
`);

describe("intent examples", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "switchboard-intents-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("turns every KB question into an example of its faq:<id> intent, next to the built-in ones", () => {
    const examples = collectIntentExamples({ kb: KB, features: [] });
    expect(examples.filter((example) => example.intent === "faq:opening-hours")).toHaveLength(3);
    expect(new Set(examples.map((example) => example.intent))).toContain("human_request");
  });

  it("adds the operator's intents from INTENTS_PATH, and the classifier learns them (en, ko)", () => {
    const operator = loadOperatorIntents(path.join(PROJECT_ROOT, "kb", "intents.example.yaml"));
    const understander = createOfflineUnderstander({
      examples: collectIntentExamples({ kb: KB, features: [], operator }),
    });
    expect(understander.understand("my parcel still hasn't arrived").intent?.name).toBe("shipping_delay");
    expect(understander.understand("배송이 왜 이렇게 늦어요?").intent?.name).toBe("shipping_delay");
    expect(understander.understand("What are your opening hours?").intent?.name).toBe("faq:opening-hours");
  });

  it("rejects a malformed intents file with what to fix", () => {
    const file = path.join(dir, "bad.yaml");
    writeFileSync(file, "Shipping Delay:\n  en: [where is it]\n");
    expect(() => loadOperatorIntents(file)).toThrow(ConfigError);
    expect(() => loadOperatorIntents(file)).toThrow(
      /INTENTS_PATH=.*bad\.yaml is invalid: .*intent: \{ en: \[examples\]/,
    );
    expect(() => loadOperatorIntents(path.join(dir, "missing.yaml"))).toThrow(/INTENTS_PATH=.*cannot read/);
  });
});
