import { describe, expect, it } from "vitest";
import { KbError, parseKnowledgeBase } from "../../src/kb/load-kb.ts";

const kbWith = (steps: string) => `defaultLocale: en
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
${steps}`;

describe("an entry's optional step-by-step variant", () => {
  it("is read per locale", () => {
    const kb = parseKnowledgeBase(
      kbWith(`    steps:
      en: "1. Open the app.\\n2. Tap **Hours**."
      ko: "1. 앱을 여세요.\\n2. **영업시간**을 누르세요."`),
      "kb.yaml",
    );
    expect(kb.entries[0]?.steps).toEqual({
      en: "1. Open the app.\n2. Tap **Hours**.",
      ko: "1. 앱을 여세요.\n2. **영업시간**을 누르세요.",
    });
    expect(parseKnowledgeBase(kbWith(""), "kb.yaml").entries[0]?.steps).toBeUndefined();
  });

  it("may not be empty", () => {
    expect(() => parseKnowledgeBase(kbWith(`    steps:\n      en: "  "`), "kb.yaml")).toThrow(KbError);
  });
});
