import { beforeAll, describe, expect, it } from "vitest";
import { intentResultSchema } from "../../src/model/understanding.ts";
import { BUILTIN_INTENT_EXAMPLES } from "../../src/understanding/intent/builtin-intents.ts";
import {
  createIntentClassifier,
  type IntentModel,
  OUT_OF_SCOPE,
} from "../../src/understanding/intent/intent-classifier.ts";
import { intentNameAsText } from "../../src/understanding/intent/train-core.ts";

let model: IntentModel;

// Training time is measured by `npm run eval` (with peers), not asserted here: a timed test fails
// on a busy machine.
beforeAll(() => {
  model = createIntentClassifier().train(BUILTIN_INTENT_EXAMPLES);
});

describe("built-in intents", () => {
  it.each([
    ["I want to talk to a real person", "human_request"],
    ["상담원 연결해 주세요", "human_request"],
    ["can i talk to somebody real pls", "human_request"],
    ["hi", "greeting"],
    ["안녕하세요", "greeting"],
    ["thanks!", "thanks"],
    ["감사합니다", "thanks"],
    ["I want my money back", "refund_request"],
    ["환불 refund 해주세요", "refund_request"],
    ["the app crashes every time I open it", "bug_report"],
    ["결제가 두 번 됐어요", "billing_problem"],
    ["I forgot my password and can't log in", "account_problem"],
    ["any update on my ticket?", "ticket_status"],
    ["bye!", "goodbye"],
  ])("%s → %s", (text, intent) => {
    const r = model.classify(text);
    expect(r.name).toBe(intent);
    expect(r.outOfScope).toBe(false);
  });

  it.each(["what's the weather in Seoul?", "who painted the mona lisa", "다음 주 로또 번호 알려줘"])(
    "off-topic %s → out_of_scope",
    (text) => {
      const r = model.classify(text);
      expect(r.name).toBe(OUT_OF_SCOPE);
      expect(r.outOfScope).toBe(true);
      expect(r.ranked.every((s) => s.name !== "out_of_scope")).toBe(true);
    },
  );
});

describe("calibration edge cases", () => {
  it.each([
    ["empty", ""],
    ["whitespace", "   \n\t "],
    ["emoji only", "😀🎉👍"],
    ["mixed Korean/English", "환불 refund 해주세요 please ASAP"],
    ["10 KB", "my card has not arrived yet and I am waiting. ".repeat(230)],
    ["punctuation", "?!?!...,,,"],
  ])("%s gives a valid, calibrated result", (_name, text) => {
    const r = model.classify(text);
    expect(intentResultSchema.parse(r)).toEqual(r);
    expect(r.ranked.length).toBeGreaterThan(0);
    const sum = r.ranked.reduce((a, s) => a + s.confidence, 0);
    expect(sum).toBeLessThanOrEqual(1 + 1e-9);
    for (let i = 1; i < r.ranked.length; i++) {
      expect(r.ranked[i - 1]?.confidence ?? 0).toBeGreaterThanOrEqual(r.ranked[i]?.confidence ?? 0);
    }
  });

  it("is not confident about text with no known words", () => {
    expect(model.classify("").outOfScope).toBe(true);
    expect(model.classify("🙂").outOfScope).toBe(true);
  });

  it("fits a positive temperature and honours the threshold option", () => {
    expect(model.temperature).toBeGreaterThan(0);
    const strict = model.classify("hi", { outOfScopeThreshold: 1 });
    expect(strict.outOfScope).toBe(true);
    expect(model.classify("hi", { outOfScopeThreshold: 0 }).name).toBe("greeting");
  });
});

describe("model file", () => {
  it("toJSON/fromJSON round trip gives identical predictions", () => {
    const json = JSON.parse(JSON.stringify(model.toJSON()));
    const restored = createIntentClassifier().fromJSON(json);
    for (const text of ["hi", "상담원 연결", "refund pls", "what's the weather in Seoul?", "", "🙂"]) {
      expect(restored.classify(text)).toEqual(model.classify(text));
    }
  });

  it("rejects a malformed file", () => {
    expect(() => createIntentClassifier().fromJSON({ kind: "nope" })).toThrow();
  });
});

describe("small custom data", () => {
  const examples = [
    { intent: "order_status", text: "where is my order" },
    { intent: "order_status", text: "my package hasn't arrived" },
    { intent: "order_status", text: "track my parcel" },
    { intent: "order_status", text: "주문한 거 어디쯤 왔어요" },
    { intent: "opening_hours", text: "when are you open" },
    { intent: "opening_hours", text: "what are your opening hours" },
    { intent: "opening_hours", text: "are you open on sunday" },
    { intent: "opening_hours", text: "영업시간이 어떻게 되나요" },
  ];

  it("learns from a handful of examples, deterministically", () => {
    const a = createIntentClassifier().train(examples);
    const b = createIntentClassifier().train(examples);
    expect(a.classify("has my parcel shipped yet").name).toBe("order_status");
    expect(a.classify("open on saturday?").name).toBe("opening_hours");
    expect(a.classify("주문 어디까지 왔나요").name).toBe("order_status");
    expect(a.toJSON()).toEqual(b.toJSON());
  });

  it("throws a clear error without examples", () => {
    expect(() => createIntentClassifier().train([])).toThrow(/no training examples/);
  });

  it("works with a single intent", () => {
    const m = createIntentClassifier().train([{ intent: "only", text: "hello" }]);
    expect(m.classify("hello").ranked[0]?.name).toBe("only");
  });
});

describe("intent names as examples", () => {
  it("humanises ids and drops namespaces", () => {
    expect(intentNameAsText("card_arrival")).toBe("card arrival");
    expect(intentNameAsText("faq:refund-policy")).toBe("refund policy");
    expect(intentNameAsText("faq:12")).toBe("");
  });
});
