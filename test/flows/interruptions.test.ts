import { afterEach, describe, expect, it } from "vitest";
import type { App } from "../../src/app/create-app.ts";
import { createTestApp, expectTurn, hasFixtureKb, talk } from "../helpers/bot-harness.ts";
import { scriptedUnderstander } from "../helpers/scripted-understander.ts";

// Pinned intents: the behaviour under test is the flows', not the classifier's. Requests for a
// person are left to the flows' own phrasing rules.
const understander = scriptedUnderstander([
  { pattern: /refund|환불/i, intent: "refund_request" },
  { pattern: /crash|오류|튕겨/i, intent: "bug_report" },
]);

describe.skipIf(!hasFixtureKb)("interruptions: a step takes only what fits it", () => {
  let app: App;
  afterEach(async () => {
    await app?.close();
  });

  const tickets = (user = "user-1") => app.tickets.store.listByCustomer("test", user);

  it("a request for a person at the description step hands over; it is not the description (English)", async () => {
    app = await createTestApp({}, { understander });
    const chat = talk(app);
    await chat.send("/ticket");
    expect(expectTurn(await chat.send("2"), "ticket")).toMatch(/describe the problem/);
    const result = await chat.send("actually can I just talk to a human please");
    const text = expectTurn(result, "escalate");
    expect(result.replies[0]?.text).toMatch(/stopped the ticket form/);
    expect(text).toMatch(/passed your conversation to our support team/);
    expect((await app.state.get(chat.conversation))?.flow).toBeUndefined();
    // The one ticket is the hand-off's (the desk's reference), not a form ticket.
    const all = await tickets();
    expect(all).toHaveLength(1);
    const [handoff] = await app.handoff.list();
    expect(handoff?.packet.ticket?.id).toBe(all[0]?.id);
  });

  it("a request for a person at the description step hands over (Korean)", async () => {
    app = await createTestApp({}, { understander });
    const chat = talk(app);
    await chat.send("/lang ko");
    await chat.send("/ticket");
    expect(expectTurn(await chat.send("2"), "ticket")).toMatch(/알려 주세요/);
    const result = await chat.send("그냥 상담원이랑 얘기하고 싶어요");
    expectTurn(result, "escalate");
    expect(result.replies[0]?.text).toMatch(/티켓 작성은 중단했어요/);
    expect(await app.handoff.list()).toHaveLength(1);
  });

  it("/human during the form ends it; the next message is relayed, not a second ticket (English, Korean)", async () => {
    app = await createTestApp({}, { understander });
    for (const [user, wait, line] of [
      ["user-en", "how long will that take?", /in line for a person/],
      ["user-ko", "얼마나 걸려요?", /상담원 연결/],
    ] as const) {
      const chat = talk(app, `test:human-${user}`, user);
      if (user === "user-ko") await chat.send("/lang ko");
      await chat.send("/ticket");
      await chat.send("2");
      expectTurn(await chat.send("/human"), "escalate");
      const waiting = await chat.send(wait);
      expect(expectTurn(waiting, "escalate")).toMatch(line);
      expect(waiting.trace.escalationReason).toBe("relayed");
      expect(await tickets(user)).toHaveLength(1);
    }
  });

  it("a question at the order-number step is answered and the form set aside (English)", async () => {
    app = await createTestApp({}, { understander });
    const chat = talk(app);
    const asked = await chat.send("I want a refund, the prompt I bought does not work at all");
    expect(expectTurn(asked, "ticket")).toMatch(/order number/);
    const result = await chat.send("what payment methods do you accept?");
    expectTurn(result, "answer", "payment-methods");
    expect(result.replies[0]?.text).toMatch(/stopped the ticket form/);
    expect(await tickets()).toHaveLength(0);
    // The form is over: the next message is not read as an order number.
    expect((await chat.send("thanks")).trace.action).toBe("smalltalk");
  });

  it("a question at the order-number step is answered and the form set aside (Korean)", async () => {
    app = await createTestApp({}, { understander });
    const chat = talk(app);
    const asked = await chat.send("환불하고 싶어요 구매한 프롬프트가 전혀 작동하지 않아요");
    expect(expectTurn(asked, "ticket")).toMatch(/주문 번호/);
    const result = await chat.send("어떤 결제 수단을 쓸 수 있나요?");
    expectTurn(result, "answer", "payment-methods");
    expect(result.replies[0]?.text).toMatch(/티켓 작성은 중단했어요/);
    expect(await tickets()).toHaveLength(0);
  });

  it("the order-number step still takes an order number, 'I don't have one', and re-asks a typo", async () => {
    app = await createTestApp({}, { understander });
    const english = talk(app);
    await english.send("I want a refund, the prompt I bought does not work at all");
    expect(expectTurn(await english.send("abc"), "ticket")).toMatch(
      /couldn't find an order number|order number/i,
    );
    expect(expectTurn(await english.send("I don't have it right now"), "ticket")).toMatch(/T-1001/);
    const korean = talk(app, "test:order-ko", "user-2");
    await korean.send("환불하고 싶어요 구매한 프롬프트가 전혀 작동하지 않아요");
    expect(expectTurn(await korean.send("PM-20931"), "ticket")).toMatch(/T-1002/);
    expect((await tickets("user-2"))[0]?.orderNumber).toBe("PM-20931");
  });

  it("a command during the form is handled as a command and the form ends (English, Korean)", async () => {
    app = await createTestApp({}, { understander });
    const english = talk(app);
    await english.send("/ticket");
    await english.send("2");
    const help = await english.send("/help");
    expect(help.replies[0]?.text).toMatch(/stopped the ticket form/);
    expect(expectTurn(help, "command")).toMatch(/\/ticket/);
    expect((await app.state.get(english.conversation))?.flow).toBeUndefined();
    const korean = talk(app, "test:cmd-ko", "user-2");
    await korean.send("/lang ko");
    await korean.send("/ticket");
    const status = await korean.send("/status");
    expect(status.replies[0]?.text).toMatch(/티켓 작성은 중단했어요/);
    expect((await app.state.get(korean.conversation))?.flow).toBeUndefined();
  });

  it("never mind / 됐어요 at a clarify question is not an unanswered turn", async () => {
    app = await createTestApp({}, { understander });
    const english = talk(app);
    expectTurn(await english.send("account"), "clarify");
    expect(expectTurn(await english.send("never mind"), "smalltalk")).toMatch(/No problem/);
    const korean = talk(app, "test:clarify-ko", "user-2");
    expectTurn(await korean.send("결제"), "clarify");
    expect(expectTurn(await korean.send("됐어요"), "smalltalk")).toMatch(/알겠어요/);
    expect((await app.state.get(korean.conversation))?.unansweredStreak).toBe(1);
  });

  it("typed answers to a clarify question: 'the second one', a number, the title (English)", async () => {
    app = await createTestApp({}, { understander });
    for (const [typed, id] of [
      ["the second one", "password-reset"],
      ["2", "password-reset"],
      ["number 1", "delete-account"],
      ["How do I delete my account", "delete-account"],
    ] as const) {
      const chat = talk(app);
      const clarify = await chat.send("account");
      expectTurn(clarify, "clarify");
      const labels = clarify.replies[0]?.buttons?.map((button) => button.label) ?? [];
      expect(labels.slice(0, 2)).toEqual(["How do I delete my account?", "I forgot my password"]);
      expect(labels.at(-1)).toBe("None of these");
      expectTurn(await chat.send(typed), "answer", id);
    }
  });

  it("typed answers to a clarify question: '두 번째', '2번', '첫 번째 거요' (Korean)", async () => {
    app = await createTestApp({}, { understander });
    for (const [typed, id] of [
      ["두 번째", "payment-methods"],
      ["2번", "payment-methods"],
      ["첫 번째 거요", "payment-declined"],
    ] as const) {
      const chat = talk(app);
      expectTurn(await chat.send("결제"), "clarify");
      expectTurn(await chat.send(typed), "answer", id);
    }
  });
});

describe.skipIf(!hasFixtureKb)("after a CSAT rating", () => {
  let app: App;
  afterEach(async () => {
    await app?.close();
  });

  async function rated(score: number, korean = false) {
    app = await createTestApp({}, { understander });
    const chat = talk(app);
    if (korean) await chat.send("/lang ko");
    await chat.send(
      korean
        ? "주문 PM-20931 환불해 주세요 프롬프트가 작동하지 않아요"
        : "I want a refund for order PM-20931, the prompt doesn't work",
    );
    await app.tickets.setStatus("T-1001", "solved", "agent:U1");
    expectTurn(await chat.press("csat.rate", `T-1001:${score}`), "ticket");
    return chat;
  }

  it("a following question is answered, not stored as a comment (English)", async () => {
    const chat = await rated(2);
    const result = await chat.send("how do I get an invoice");
    expectTurn(result, "answer", "invoice");
    expect(result.replies[0]?.text).toMatch(/rating is saved/);
    expect((await app.tickets.store.get("T-1001"))?.csatComment).toBeNull();
  });

  it("a following question is answered, not stored as a comment (Korean)", async () => {
    const chat = await rated(2, true);
    expectTurn(await chat.send("영수증은 어떻게 받나요"), "answer", "invoice");
    expect((await app.tickets.store.get("T-1001"))?.csatComment).toBeNull();
  });

  it("a comment that reads as one is stored (English, Korean)", async () => {
    const chat = await rated(2);
    expect(expectTurn(await chat.send("The reply took far too long"), "ticket")).toMatch(/comment/);
    expect((await app.tickets.store.get("T-1001"))?.csatComment).toBe("The reply took far too long");
    await app.close();
    const korean = await rated(2, true);
    await korean.send("답변이 너무 늦게 왔어요");
    expect((await app.tickets.store.get("T-1001"))?.csatComment).toBe("답변이 너무 늦게 왔어요");
  });

  it("a request for a person after the rating hands over; 'ok' is no comment", async () => {
    const chat = await rated(2);
    expectTurn(await chat.send("ok"), "ticket");
    expect((await app.tickets.store.get("T-1001"))?.csatComment).toBeNull();
    await app.close();
    const korean = await rated(1, true);
    expectTurn(await korean.send("상담원 연결해 주세요"), "escalate");
    expect((await app.tickets.store.get("T-1001"))?.csatComment).toBeNull();
  });
});
