import { describe, expect, it } from "vitest";
import { sentimentResultSchema } from "../../src/model/understanding.ts";
import {
  linearSentimentModelFromJSON,
  trainLinearSentimentModel,
} from "../../src/understanding/sentiment/linear-sentiment-model.ts";
import { createSentimentAnalyzer } from "../../src/understanding/sentiment/sentiment-analyzer.ts";
import { detectSignals } from "../../src/understanding/sentiment/signals.ts";

// Lexicons only (what runs when no model file is present).
const lexicon = createSentimentAnalyzer({ models: { en: null, ko: null } });
// Korean: the shipped model (in the repo) on top of the lexicon; English lexicon only.
const koreanModel = createSentimentAnalyzer({ models: { en: null } });
// As shipped: the defaults `createOfflineUnderstander()` uses, both bundled models.
const shipped = createSentimentAnalyzer();

describe.each([
  ["lexicon only", lexicon],
  ["with the shipped Korean model", koreanModel],
  ["as shipped (English and Korean models)", shipped],
])("sentiment (%s)", (_name, analyzer) => {
  it.each([
    ["This is the THIRD time I'm asking, I want my money back or I'll dispute the charge!!!", "en"],
    ["진짜 화나네요 벌써 세 번째 문의인데 환불 안 해주면 신고할 거예요", "ko"],
    ["WORST SERVICE EVER. I'm cancelling my subscription and reporting you to the BBB", "en"],
    ["아 진짜 짜증나 ㅡㅡ 몇 번을 말해야 돼", "ko"],
  ])("angry: %s", (text, language) => {
    const r = analyzer.analyze(text, language);
    expect(r.label).toBe("negative");
    expect(r.score).toBeLessThan(-0.3);
    expect(r.emotions.anger).toBeGreaterThanOrEqual(0.6);
    expect(r.intensity).toBeGreaterThan(0.3);
    expect(r.signals.length).toBeGreaterThan(0);
  });

  it.each([
    ["How do I reset my password?", "en"],
    ["What are your opening hours on Sunday?", "en"],
    ["비밀번호는 어떻게 바꾸나요?", "ko"],
    ["배송은 보통 며칠 걸려요?", "ko"],
  ])("neutral question: %s", (text, language) => {
    const r = analyzer.analyze(text, language);
    expect(r.label).toBe("neutral");
    // The running mood averages scores: a plain question must not pull it down.
    expect(Math.abs(r.score)).toBeLessThan(0.2);
    expect(r.emotions.anger).toBeLessThan(0.3);
  });

  it.each([
    ["Thanks so much, that was really helpful! 😊", "en"],
    ["정말 감사합니다 덕분에 해결됐어요", "ko"],
  ])("happy: %s", (text, language) => {
    const r = analyzer.analyze(text, language);
    expect(r.label).toBe("positive");
    expect(r.emotions.joy).toBeGreaterThan(0.4);
  });

  it.each([
    ["I'm really disappointed, the package still hasn't arrived", "en"],
    ["좀 실망이에요 ㅠㅠ 기대했는데", "ko"],
  ])("disappointed: %s", (text, language) => {
    const r = analyzer.analyze(text, language);
    expect(r.label).toBe("negative");
    expect(r.emotions.disappointment).toBeGreaterThan(0.4);
  });

  // The tone and escalation code reads `emotions.anger`: the empathy line needs 0.4, escalation 0.5.
  it.each([
    ["damn, forgot my password again", "en"],
    ["ugh, crap, I locked myself out again", "en"],
    ["아 젠장, 비밀번호 또 까먹었네", "ko"],
  ])("a mild swear at oneself is not anger: %s", (text, language) => {
    const r = analyzer.analyze(text, language);
    expect(r.emotions.anger).toBeLessThan(0.4);
    expect(r.signals).toContain("mild_profanity");
    expect(r.signals).not.toContain("profanity");
  });

  it.each([
    ["this is unacceptable, I want my money back now", "en"],
    ["정말 어이없네요 당장 돈 돌려주세요", "ko"],
  ])("a demand in anger is anger: %s", (text, language) => {
    const r = analyzer.analyze(text, language);
    expect(r.label).toBe("negative");
    expect(r.emotions.anger).toBeGreaterThanOrEqual(0.4);
    expect(r.emotions.anger).toBeGreaterThan(r.emotions.disappointment);
  });

  it.each(["", "   ", "😀😀", "🤬", "환불 refund 해주세요", "a".repeat(100_000), "ok ".repeat(4000)])(
    "edge case %#",
    (text) => {
      const r = analyzer.analyze(text);
      expect(sentimentResultSchema.parse(r)).toEqual(r);
    },
  );
});

describe("the shipped analyzer", () => {
  it("loads both bundled models by default", () => {
    expect(shipped.models).toEqual({ en: true, ko: true });
  });
});

describe("signals", () => {
  it("names what fired", () => {
    const { signals } = detectSignals("This is the THIRD time I'm asking, I'll dispute the charge!!!");
    expect(signals).toEqual(
      expect.arrayContaining(["repeated_contact", "threat_chargeback", "exclamations"]),
    );
    expect(detectSignals("벌써 세 번째예요 ㅡㅡ 소비자원에 신고할게요").signals).toEqual(
      expect.arrayContaining(["repeated_contact", "annoyed_emoticon", "threat_report"]),
    );
    expect(detectSignals("I'd like to ask about the FAQ and the API").signals).toEqual([]);
  });
});

describe("linear sentiment model", () => {
  const data = [
    ["great product, love it", 1],
    ["excellent and fast", 1],
    ["really good service", 1],
    ["최고예요 만족합니다", 1],
    ["terrible, broke in a day", 0],
    ["awful and slow", 0],
    ["really bad service", 0],
    ["최악이에요 실망입니다", 0],
  ] as const;
  const model = trainLinearSentimentModel(
    data.map(([text, label]) => ({ text, label })),
    {
      language: "xx",
      classes: ["negative", "positive"],
      features: {
        wordNgramMax: 2,
        charNgramMin: 3,
        charNgramMax: 5,
        cjkNgramMin: 1,
        cjkNgramMax: 3,
        stem: true,
      },
      bits: 12,
      denseFeatures: 0,
      epochs: 10,
      learningRate: 0.3,
      l2: 1e-6,
      nbScaling: true,
      provenance: "unit test",
    },
  );

  it("learns and round-trips through JSON with identical predictions", () => {
    expect(model.predict("love it, excellent")[1]).toBeGreaterThan(0.5);
    expect(model.predict("awful, bad")[1]).toBeLessThan(0.5);
    const restored = linearSentimentModelFromJSON(JSON.parse(JSON.stringify(model.toJSON())));
    for (const t of ["love it", "최악", "", "meh"])
      expect([...restored.predict(t)]).toEqual([...model.predict(t)]);
  });

  it("is used by the analyzer when given", () => {
    const analyzer = createSentimentAnalyzer({ models: { en: null, ko: model } });
    expect(analyzer.models).toEqual({ en: false, ko: true });
  });
});
