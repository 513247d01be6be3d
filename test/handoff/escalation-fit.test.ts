import { afterEach, describe, expect, it } from "vitest";
import type { App } from "../../src/app/create-app.ts";
import { escalationPolicySchema, evaluateEscalation } from "../../src/handoff/escalation-policy.ts";
import { compromiseIn, threatIn } from "../../src/handoff/threats.ts";
import type { SentimentResult } from "../../src/model/understanding.ts";
import { createTestApp, expectTurn, hasFixtureKb, talk } from "../helpers/bot-harness.ts";

const policy = escalationPolicySchema.parse({});
const swear: SentimentResult = {
  label: "negative",
  score: -1,
  emotions: { anger: 0.62, disappointment: 0.13, joy: 0 },
  intensity: 0.35,
  signals: ["profanity"],
};

describe("escalation that fits the customer", () => {
  it("a mild swear on a first message is not an angry customer; the same anger sustained is", () => {
    const text = "damn, forgot my password again";
    expect(evaluateEscalation(policy, { userKey: "x", text, sentiment: swear })).toBeUndefined();
    expect(evaluateEscalation(policy, { userKey: "x", text, sentiment: swear, mood: -0.6 })).toMatchObject({
      reason: expect.stringMatching(/angry customer/),
    });
  });

  it.each([
    ["I'll file a chargeback with my bank if this isn't fixed", "chargeback"],
    ["카드사에 지급정지 신청할 거예요", "chargeback"],
    ["I'm talking to my lawyer about this", "legal"],
    ["법적 조치 하겠습니다", "legal"],
    ["I will report you to the consumer protection agency", "agency"],
    ["소비자원에 신고할 거예요", "agency"],
    ["공정위에 민원 넣겠습니다", "agency"],
    ["fix this or I'll cancel my subscription", "cancellation"],
    ["계속 이러면 탈퇴할 거예요", "cancellation"],
  ])("%s: a %s threat escalates with high priority", (text, kind) => {
    expect(threatIn(text)).toBe(kind);
    expect(evaluateEscalation(policy, { userKey: "x", text })).toEqual({
      reason: `${kind} threat`,
      priority: "high",
    });
  });

  it.each([
    "how do I cancel my subscription?",
    "구독 해지는 어떻게 하나요?",
    "스팸 신고하려면 어떻게 해야 하나요?",
  ])("a how-to question is not a threat: %s", (text) => {
    expect(threatIn(text)).toBeUndefined();
    expect(evaluateEscalation(policy, { userKey: "x", text })).toBeUndefined();
  });

  it.each([
    "someone bought 20 prompts with my account",
    "there are purchases I didn't make on my card",
    "누가 제 계정으로 프롬프트를 20개나 샀어요",
    "제가 결제하지 않은 구매 내역이 있어요",
  ])("fraud on the account escalates, urgent: %s", (text) => {
    expect(compromiseIn(text)).toBeDefined();
    expect(evaluateEscalation(policy, { userKey: "x", text })?.priority).toBe("urgent");
  });

  it("the refund-amount rule treats won and dollars the same, whatever the intent", () => {
    for (const intent of [
      undefined,
      { name: "billing_problem", confidence: 0.9 },
      { name: "faq:refund-policy", confidence: 0.9 },
    ]) {
      expect(
        evaluateEscalation(policy, { userKey: "x", text: "I want a refund of $250", intent })?.priority,
      ).toBe("high");
      expect(
        evaluateEscalation(policy, { userKey: "x", text: "30만원 환불해 주세요", intent })?.priority,
      ).toBe("high");
      expect(
        evaluateEscalation(policy, { userKey: "x", text: "₩325,000 환불 부탁드려요", intent })?.priority,
      ).toBe("high");
      expect(
        evaluateEscalation(policy, { userKey: "x", text: "refund my $20 please", intent }),
      ).toBeUndefined();
      expect(
        evaluateEscalation(policy, { userKey: "x", text: "2만원 환불해 주세요", intent }),
      ).toBeUndefined();
    }
    // An amount in a message that is not about a refund is not a refund.
    expect(
      evaluateEscalation(policy, { userKey: "x", text: "does the $250 plan include teams?" }),
    ).toBeUndefined();
  });
});

describe.skipIf(!hasFixtureKb)("escalation that fits, through the core", () => {
  let app: App;
  afterEach(async () => {
    await app?.close();
  });

  it("a mild swear with an ordinary question gets the answer in a softer tone, no ticket (English)", async () => {
    app = await createTestApp();
    const result = await talk(app).send("damn, forgot my password again");
    const text = expectTurn(result, "answer", "password-reset");
    expect(result.trace.priority).toBeUndefined();
    expect(result.trace.ticket).toBeUndefined();
    expect(text).toMatch(/No worries|happens/);
    expect(await app.handoff.list()).toHaveLength(0);
  });

  it.each([
    ["How do I cancel my subscription?", "cancel-subscription"],
    ["구독은 어떻게 해지하나요?", "cancel-subscription"],
  ])(
    "asking how to cancel is a question, not a threat: %s, asked again and again, is answered",
    async (text, entry) => {
      app = await createTestApp();
      const chat = talk(app);
      for (let turn = 0; turn < 4; turn++) expectTurn(await chat.send(text), "answer", entry);
      expect(await app.handoff.list()).toHaveLength(0);
    },
  );

  it("a mild swear with an ordinary question gets the answer, no ticket (Korean)", async () => {
    app = await createTestApp();
    const result = await talk(app).send("젠장 비밀번호를 잊어버렸어요");
    expectTurn(result, "answer", "password-reset");
    expect(await app.handoff.list()).toHaveLength(0);
  });

  it.each([
    ["someone bought 20 prompts with my account", "urgent"],
    ["누가 제 계정으로 프롬프트를 20개나 샀어요", "urgent"],
    ["I'll file a chargeback if this isn't fixed today", "high"],
    ["소비자원에 신고할 거예요", "high"],
    ["공정위에 민원 넣겠습니다", "high"],
    ["I'm getting a lawyer involved", "high"],
    ["I need a refund of 325,000 won for my order", "high"],
    ["250달러 환불해 주세요", "high"],
  ])("%s: escalates with priority %s", async (text, priority) => {
    app = await createTestApp();
    const result = await talk(app).send(text);
    expectTurn(result, "escalate");
    expect(result.trace.priority).toBe(priority);
    expect((await app.handoff.list())[0]?.packet.priority).toBe(priority);
  });
});
