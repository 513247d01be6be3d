import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../src/app/create-app.ts";
import type { TurnResult } from "../../src/core/turn-result.ts";
import { createTestApp, expectTurn, hasFixtureKb, talk } from "../helpers/bot-harness.ts";
import { fullTrace } from "../helpers/trace.ts";

/** Every action button of every reply of the turn. */
function buttonsOf(result: TurnResult) {
  return result.replies
    .flatMap((reply) => reply.buttons ?? [])
    .flatMap((b) => (b.kind === "action" ? [b] : []));
}

/**
 * Built-in intents against the FAQ, with the real understanding models: a question goes to the FAQ,
 * a request for an action to a ticket, a status request to the status flow, and a symptom gets the
 * FAQ's answer first with a ticket offer.
 */
describe.skipIf(!hasFixtureKb)("intents know their place", () => {
  let app: App;
  let users = 0;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());

  const chat = () => talk(app, `test:arbitration-${++users}`, `arbitration-${users}`);

  /** The FAQ kept the message: `entry` is answered, or offered among the clarify buttons. */
  function expectFaqOffers(result: TurnResult, entry: string): void {
    const action = result.trace.action;
    expect(action === "answer" || action === "clarify", JSON.stringify(result.trace)).toBe(true);
    if (action === "answer") expect(result.trace.faqId).toBe(entry);
    else expect(buttonsOf(result).map((button) => button.value)).toContain(entry);
  }

  it("answers a question about refunds and opens a ticket for a refund request (English)", async () => {
    const question = await chat().send("do you refund purchases?");
    expect(question.trace.intent?.name).toBe("refund_request");
    expectFaqOffers(question, "refund-policy");

    const request = await chat().send("I want a refund for order PM-20931");
    expect(expectTurn(request, "ticket")).toMatch(/I've opened ticket \*\*T-\d+\*\*/);
    expect(fullTrace(request.trace).ticket?.category).toBe("billing");
  });

  it("answers a question about refunds and opens a ticket for a refund request (Korean)", async () => {
    expect(expectTurn(await chat().send("환불 되나요?"), "answer", "refund-policy")).toMatch(
      /반품할 수 없습니다/,
    );
    expectFaqOffers(await chat().send("환불 규정이 어떻게 되나요?"), "refund-policy");

    const request = await chat().send("환불해 주세요");
    expect(expectTurn(request, "ticket")).toMatch(/주문 번호를 알려 주세요/);
  });

  it("answers ticket status only when the customer asks about their ticket (English)", async () => {
    expect(expectTurn(await chat().send("where is my ticket"), "command")).toMatch(/no open tickets/);
    expect(expectTurn(await chat().send("any update on my ticket?"), "command")).toMatch(/no open tickets/);

    const howTo = await chat().send("how do I open a ticket?");
    expect(howTo.trace.flow).not.toBe("ticket-status");
    expect(howTo.replies.map((reply) => reply.text).join("\n")).not.toMatch(/no open tickets/);
  });

  it("answers ticket status only when the customer asks about their ticket (Korean)", async () => {
    expect(expectTurn(await chat().send("티켓 어떻게 됐어요?"), "command")).toMatch(
      /진행 중인 문의가 없어요|문의가 없/,
    );
    const howTo = await chat().send("티켓은 어떻게 만들어요?");
    expect(howTo.trace.flow).not.toBe("ticket-status");
  });

  it("answers a question with an e-mail and a phone number inside, not with ticket status", async () => {
    const en = await chat().send(
      "What payment methods do you accept? my e-mail is mina.kim@example.com phone 010-1234-5678",
    );
    expect(expectTurn(en, "answer", "payment-methods")).toMatch(/Visa/);

    const ko = await chat().send(
      "결제 수단은 뭐가 있나요? 제 이메일은 mina.kim@example.com 이고 전화번호는 010-1234-5678 이에요",
    );
    expect(ko.trace.flow).not.toBe("ticket-status");
    expectFaqOffers(ko, "payment-methods");
    expect(fullTrace(ko.trace).candidates?.[0]?.id).toBe("payment-methods");
  });

  it("answers a symptom first and offers a ticket, which starts from the customer's words (English)", async () => {
    const conversation = chat();
    const answered = await conversation.send("I can't log in");
    expect(expectTurn(answered, "answer", "password-reset")).toMatch(
      /Forgot password[\s\S]*If this doesn't solve it, I can open a ticket for our team\./,
    );
    expect(buttonsOf(answered).map((button) => button.action)).toContain("ticket.start");
    expect(answered.trace.ticket).toBeUndefined();

    const ticket = await conversation.press("ticket.start");
    expect(expectTurn(ticket, "ticket")).toMatch(/I've opened ticket|What is it about/);
  });

  it("answers a symptom first and offers a ticket (Korean)", async () => {
    const answered = await chat().send("로그인이 안 돼요");
    expect(expectTurn(answered, "answer", "password-reset")).toMatch(
      /비밀번호 찾기[\s\S]*이걸로 해결되지 않으면 상담팀에 문의를 접수해 드릴게요\./,
    );
    expect(buttonsOf(answered).map((button) => button.label)).toContain("문의 접수하기");
  });

  it("answers a how-to question without a ticket offer", async () => {
    const answered = await chat().send("How do I reset my password?");
    expect(expectTurn(answered, "answer", "password-reset")).not.toMatch(/open a ticket/);
    expect(buttonsOf(answered).map((button) => button.action)).not.toContain("ticket.start");
  });
});
