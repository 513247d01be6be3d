import { describe, expect, it } from "vitest";
import { redactForUnderstanding } from "../../src/understanding/redact.ts";
import {
  askOf,
  asksStatus,
  reportsProblem,
  saysNewcomer,
  withoutNewcomerCue,
} from "../../src/understanding/request-cues.ts";

describe("what a message asks for", () => {
  it.each([
    ["do you refund purchases?", "information"],
    ["Can I get a refund?", "information"],
    ["How do I reset my password please?", "information"],
    ["Can you tell me how refunds work?", "information"],
    ["refund?", "information"],
    ["I want a refund for order 123", "action"],
    ["Could you cancel my subscription", "action"],
    ["refund my last order", "action"],
    ["please close my account", "action"],
    ["I can't log in lol", "statement"],
    ["the app crashes when I pay", "statement"],
  ] as const)("English: %s → %s", (text, ask) => {
    expect(askOf(text)).toBe(ask);
  });

  it.each([
    ["환불 되나요?", "information"],
    ["환불?", "information"],
    ["환불 규정이 어떻게 되나요", "information"],
    ["환불 규정 알려 주세요", "information"],
    ["환불해 주세요", "action"],
    ["환불하고 싶어요", "action"],
    ["구독 취소해주세요", "action"],
    ["앱이 안 켜져요", "statement"],
    ["로그인이 안 돼요", "statement"],
    ["결제 버튼을 누르면 오류가 나요", "statement"],
    ["앱을 켜면 에러 나요", "statement"],
    ["오류가 나요?", "information"],
    ["환불은 언제 나오나요", "information"],
  ] as const)("Korean: %s → %s", (text, ask) => {
    expect(askOf(text)).toBe(ask);
  });
});

describe("status requests", () => {
  it.each([
    "where is my ticket",
    "any update on my ticket?",
    "what happened to T-1042?",
    "T-1042?",
    "티켓 어떻게 됐어요?",
    "문의한 거 진행 상황 알려 주세요",
  ])("%s asks about the customer's own ticket", (text) => {
    expect(asksStatus(text)).toBe(true);
  });

  it.each([
    "how do I open a ticket?",
    "where can I submit a ticket",
    "What payment methods do you accept? my e-mail is <email> phone <phone>",
    "문의 접수하려면 어떻게 해요?",
    "티켓은 어떻게 만들어요?",
    "결제 수단은 뭐가 있나요? 제 이메일은 <email> 이에요",
  ])("%s does not", (text) => {
    expect(asksStatus(text)).toBe(false);
  });
});

describe("newcomers, symptoms and follow-ups", () => {
  it("recognises a customer who is new, in both languages", () => {
    expect(saysNewcomer("I'm new to this, how do I export my notes?")).toBe(true);
    expect(saysNewcomer("first time using this app")).toBe(true);
    expect(saysNewcomer("처음이라 잘 모르겠어요")).toBe(true);
    expect(saysNewcomer("How do I export my notes?")).toBe(false);
    expect(saysNewcomer("노트를 내보내고 싶어요")).toBe(false);
  });

  it("recognises a symptom, in both languages", () => {
    expect(reportsProblem("cant login lol")).toBe(true);
    expect(reportsProblem("the app keeps crashing")).toBe(true);
    expect(reportsProblem("앱이 안 켜져요")).toBe(true);
    expect(reportsProblem("How do I change my email?")).toBe(false);
    expect(reportsProblem("이메일은 어떻게 바꾸나요?")).toBe(false);
  });

  it("leaves out the words saying the customer is new, keeping the question", () => {
    expect(withoutNewcomerCue("I'm new to this").trim()).toBe("");
    expect(withoutNewcomerCue("I’m new to this, how do I export my notes?").trim()).toBe(
      ", how do I export my notes?",
    );
    expect(withoutNewcomerCue("처음이라 잘 모르겠어요. 비밀번호를 잊어버렸어요").trim()).toBe(
      "비밀번호를 잊어버렸어요",
    );
    expect(withoutNewcomerCue("How do I reset my password?")).toBe("How do I reset my password?");
  });
});

describe("personal data before classification", () => {
  it("replaces e-mail, phone and card numbers by typed placeholders and keeps order numbers", () => {
    expect(
      redactForUnderstanding("mail mina.kim@example.com or call 010-1234-5678 about order PM-20931"),
    ).toBe("mail <email> or call <phone> about order PM-20931");
    expect(redactForUnderstanding("카드 4111 1111 1111 1111로 결제했어요")).toBe("카드 <card>로 결제했어요");
    expect(redactForUnderstanding("no personal data")).toBe("no personal data");
  });
});
