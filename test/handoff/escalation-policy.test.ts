import { afterEach, describe, expect, it } from "vitest";
import type { App } from "../../src/app/create-app.ts";
import type { Understander } from "../../src/core/understander.ts";
import {
  escalationPolicySchema,
  evaluateEscalation,
  mentionedAmount,
} from "../../src/handoff/escalation-policy.ts";
import type { SentimentResult } from "../../src/model/understanding.ts";
import { createTestApp, expectTurn, hasFixtureKb, talk } from "../helpers/bot-harness.ts";

const policy = escalationPolicySchema.parse({ vipUsers: ["test:vip-1"] });
const sentiment = (
  score: number,
  anger: number,
  intensity = 0.2,
  signals: string[] = [],
): SentimentResult => ({
  label: score < -0.2 ? "negative" : score > 0.2 ? "positive" : "neutral",
  score,
  emotions: { anger, disappointment: 0, joy: 0 },
  intensity,
  signals,
});
const refund = { name: "refund_request", confidence: 0.9 };

describe("escalation policy", () => {
  it("finds money amounts in English and Korean", () => {
    expect(mentionedAmount("refund my $250.50 order", 1300)).toBe(250.5);
    expect(mentionedAmount("I paid 40 dollars", 1300)).toBe(40);
    expect(mentionedAmount("25만원 환불해 주세요", 1000)).toBe(250);
    expect(mentionedAmount("13,000원 결제했어요", 1300)).toBe(10);
    expect(mentionedAmount("order 12345", 1300)).toBeUndefined();
  });

  it("escalates account takeover at once, urgent (English and Korean)", () => {
    expect(evaluateEscalation(policy, { userKey: "x", text: "I think my account was hacked" })).toEqual({
      reason: "possible account takeover",
      priority: "urgent",
    });
    expect(evaluateEscalation(policy, { userKey: "x", text: "계정 도용당한 것 같아요" })?.priority).toBe(
      "urgent",
    );
  });

  it("sends refunds over the threshold to a person, not small ones", () => {
    expect(
      evaluateEscalation(policy, { userKey: "x", text: "I want a refund of $250", intent: refund }),
    ).toMatchObject({
      priority: "high",
      reason: expect.stringMatching(/refund over 100/),
    });
    expect(
      evaluateEscalation(policy, { userKey: "x", text: "30만원 환불해 주세요", intent: refund })?.priority,
    ).toBe("high");
    expect(
      evaluateEscalation(policy, { userKey: "x", text: "refund my $20 please", intent: refund }),
    ).toBeUndefined();
  });

  it("always gives VIP customers a person, one priority level up", () => {
    expect(evaluateEscalation(policy, { userKey: "test:vip-1", text: "hello" })).toEqual({
      reason: "VIP customer",
      priority: "high",
    });
  });

  it("has hysteresis: one sharp word after a calm conversation does not escalate, sustained anger does", () => {
    const sharp = sentiment(-0.7, 0.6);
    expect(
      evaluateEscalation(policy, { userKey: "x", text: "ugh", sentiment: sharp, mood: 0.1 }),
    ).toBeUndefined();
    expect(
      evaluateEscalation(policy, { userKey: "x", text: "ugh", sentiment: sharp, mood: -0.42 }),
    ).toMatchObject({
      priority: "high",
    });
  });

  it("escalates an acute outburst at once, urgent with a threat", () => {
    const outburst = sentiment(-0.95, 0.9, 0.9, ["threat: chargeback"]);
    expect(
      evaluateEscalation(policy, { userKey: "x", text: "!!!", sentiment: outburst, mood: 0.3 }),
    ).toMatchObject({
      priority: "urgent",
      reason: expect.stringMatching(/chargeback/),
    });
  });
});

describe.skipIf(!hasFixtureKb)("escalation policy in conversations", () => {
  let app: App;
  afterEach(async () => {
    await app?.close();
  });

  const moods: Record<string, SentimentResult> = {
    "this is annoying": sentiment(-0.7, 0.6),
    "진짜 짜증나네요": sentiment(-0.7, 0.6),
  };
  const scripted: Understander = {
    understand(text) {
      const language = /[가-힣]/.test(text) ? "ko" : "en";
      const found = moods[text];
      return { language: { code: language, confidence: 0.95 }, ...(found ? { sentiment: found } : {}) };
    },
  };

  it("a person takes over after three unanswered turns (English)", async () => {
    app = await createTestApp();
    const chat = talk(app);
    expectTurn(await chat.send("what's the weather in Seoul?"), "fallback");
    expectTurn(await chat.send("who won the football game?"), "fallback");
    const third = await chat.send("do you sell umbrellas in Busan?");
    expect(expectTurn(third, "escalate")).toMatch(/asked a person from our team/);
    expect(third.trace.escalationReason).toBe("3 unanswered turns in a row");
    expect((await app.handoff.list())[0]?.packet.reason).toBe("3 unanswered turns in a row");
  });

  it("a repeated unanswered question goes to a person at once (Korean)", async () => {
    app = await createTestApp();
    const chat = talk(app);
    expectTurn(await chat.send("서울 날씨 어때요?"), "fallback");
    const again = await chat.send("서울 날씨 어때요?");
    expect(expectTurn(again, "escalate")).toMatch(/상담팀 담당자/);
    expect(again.trace.escalationReason).toMatch(/repeated/);
  });

  it("anger builds up across messages before escalating (English and Korean)", async () => {
    app = await createTestApp({}, { understander: scripted });
    for (const text of ["this is annoying", "진짜 짜증나네요"]) {
      const chat = talk(app);
      const first = await chat.send(text);
      expect(first.trace.action).not.toBe("escalate");
      const second = await chat.send(text);
      expect(second.trace.action).toBe("escalate");
      expect(second.trace.escalationReason).toMatch(/angry customer \(mood -0\.59/);
    }
  });
});
