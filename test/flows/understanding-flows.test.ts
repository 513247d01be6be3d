import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../src/app/create-app.ts";
import type { Understander } from "../../src/core/understander.ts";
import { ownershipOf } from "../../src/handoff/ownership.ts";
import type { IntentResult, SentimentResult, Understanding } from "../../src/model/understanding.ts";
import { createTestApp, expectTurn, hasFixtureKb, talk } from "../helpers/bot-harness.ts";

/**
 * Flows are tested here with understanding fixed per message, so each test pins the flow's own
 * behaviour; the real models are exercised end to end in the replay tests.
 */
const neutral: SentimentResult = {
  label: "neutral",
  score: 0,
  emotions: { anger: 0, disappointment: 0, joy: 0 },
  intensity: 0,
  signals: [],
};
const intent = (name: string, confidence = 0.9): IntentResult => ({
  name,
  confidence,
  outOfScope: false,
  ranked: [{ name, confidence }],
});
const angry = (signals: string[] = [], intensity = 0.4): SentimentResult => ({
  label: "negative",
  score: -0.8,
  emotions: { anger: 0.9, disappointment: 0.3, joy: 0 },
  intensity,
  signals,
});
const disappointed: SentimentResult = {
  label: "negative",
  score: -0.45,
  emotions: { anger: 0.1, disappointment: 0.7, joy: 0 },
  intensity: 0.1,
  signals: [],
};

const SCRIPT: Record<string, Omit<Understanding, "language">> = {
  hi: { intent: intent("greeting"), sentiment: neutral },
  안녕하세요: { intent: intent("greeting"), sentiment: neutral },
  "thanks!": { intent: intent("thanks"), sentiment: neutral },
  감사합니다: { intent: intent("thanks"), sentiment: neutral },
  bye: { intent: intent("goodbye"), sentiment: neutral },
  "hi, my payment was declined and I don't know why at all": {
    intent: intent("greeting", 0.7),
    sentiment: neutral,
  },
  "I want to talk to a real person": { intent: intent("human_request"), sentiment: neutral },
  "상담원 연결해 주세요": { intent: intent("human_request"), sentiment: neutral },
  "This is ridiculous, third time asking!!! I will dispute the charge": {
    intent: intent("complaint"),
    sentiment: angry(["repeated contact", "threat: dispute"], 0.9),
  },
  "진짜 화나네요 환불 언제 되나요": { intent: intent("complaint"), sentiment: angry() },
  "I'm so disappointed, my payment was declined": {
    intent: intent("billing_problem"),
    sentiment: disappointed,
  },
  "결제가 거절됐어요 너무 실망이에요": { intent: intent("billing_problem"), sentiment: disappointed },
};

const scripted: Understander = {
  understand(text) {
    const language = /[가-힣]/.test(text) ? "ko" : "en";
    return { language: { code: language, confidence: 0.95 }, ...(SCRIPT[text] ?? {}) };
  },
};

describe.skipIf(!hasFixtureKb)("flows driven by understanding", () => {
  let app: App;
  beforeAll(async () => {
    app = await createTestApp({}, { understander: scripted });
  });
  afterAll(() => app.close());

  it("greets, thanks and says goodbye in English", async () => {
    const chat = talk(app);
    expect(expectTurn(await chat.send("hi"), "smalltalk")).toMatch(/^Hi! I'm Switchboard/);
    expect(expectTurn(await chat.send("thanks!"), "smalltalk")).toMatch(/You're welcome/);
    expect(expectTurn(await chat.send("bye"), "smalltalk")).toMatch(/Have a good day/);
  });

  it("greets and thanks in Korean", async () => {
    const chat = talk(app);
    expect(expectTurn(await chat.send("안녕하세요"), "smalltalk")).toMatch(/무엇을 도와드릴까요/);
    expect(expectTurn(await chat.send("감사합니다"), "smalltalk")).toMatch(/천만에요/);
  });

  it("a greeting that carries a question goes to the FAQ", async () => {
    const result = await talk(app).send("hi, my payment was declined and I don't know why at all");
    expect(result.trace.action).not.toBe("smalltalk");
  });

  it("escalates when the customer asks for a person in their own words (English and Korean)", async () => {
    expect(expectTurn(await talk(app).send("I want to talk to a real person"), "escalate")).toMatch(
      /support team/,
    );
    expect(expectTurn(await talk(app).send("상담원 연결해 주세요"), "escalate")).toMatch(/상담팀/);
  });

  it("escalates an angry customer with an apology, urgent when they threaten a dispute", async () => {
    const chat = talk(app);
    const result = await chat.send("This is ridiculous, third time asking!!! I will dispute the charge");
    const text = expectTurn(result, "escalate");
    expect(result.trace.priority).toBe("urgent");
    expect(text).toMatch(/sorry|apologise/i);
    expect(result.trace.escalationReason).toMatch(/dispute/);
    const state = await app.state.get(chat.conversation);
    expect(state && ownershipOf(state)).toMatchObject({ status: "queued", priority: "urgent" });
  });

  it("escalates an angry Korean customer with priority high and a Korean apology", async () => {
    const result = await talk(app).send("진짜 화나네요 환불 언제 되나요");
    const text = expectTurn(result, "escalate");
    expect(result.trace.priority).toBe("high");
    expect(text).toMatch(/죄송/);
  });

  it("a disappointed customer gets reassurance before the answer (English and Korean)", async () => {
    const english = await talk(app).send("I'm so disappointed, my payment was declined");
    const englishText = expectTurn(english, "answer", "payment-declined");
    expect(englishText.split("\n\n")[0]).toMatch(/sorry|understand|hear you/i);
    const korean = await talk(app).send("결제가 거절됐어요 너무 실망이에요");
    const koreanText = expectTurn(korean, "answer", "payment-declined");
    expect(koreanText.split("\n\n")[0]).toMatch(/아쉬우|이해|속상/);
  });

  it("never opens two turns in a row with the same empathetic line", async () => {
    const chat = talk(app);
    const first = await chat.send("I'm so disappointed, my payment was declined");
    const second = await chat.send("I'm so disappointed, my payment was declined");
    expect(first.replies[0]?.text.split("\n\n")[0]).not.toBe(second.replies[0]?.text.split("\n\n")[0]);
  });

  it("calm customers get the plain answer", async () => {
    const result = await talk(app).send("My payment was declined");
    expectTurn(result, "answer", "payment-declined");
    expect(result.replies[0]?.text).not.toMatch(/sorry/i);
  });
});
