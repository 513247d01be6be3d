import { afterEach, describe, expect, it } from "vitest";
import type { App } from "../../src/app/create-app.ts";
import { createTestApp, expectTurn, hasFixtureKb, sentOn, talk } from "../helpers/bot-harness.ts";
import { scriptedUnderstander } from "../helpers/scripted-understander.ts";
import { fullTrace } from "../helpers/trace.ts";

const understander = scriptedUnderstander([
  { pattern: /refund|환불/i, intent: "refund_request" },
  { pattern: /crash|error|오류|에러|튕겨/i, intent: "bug_report" },
  { pattern: /where is my ticket|티켓 어떻게/i, intent: "ticket_status" },
]);

describe.skipIf(!hasFixtureKb)("ticket flow", () => {
  let app: App;
  afterEach(async () => {
    await app?.close();
  });

  async function ticketsOf(user = "user-1") {
    return app.tickets.store.listByCustomer("test", user);
  }

  it("a refund request with the order number in the first message becomes a ticket without re-asking", async () => {
    app = await createTestApp({}, { understander });
    const result = await talk(app).send("I want a refund for order PM-20931, the prompt doesn't work at all");
    const text = expectTurn(result, "ticket");
    expect(result.trace.ticket).toMatchObject({ id: "T-1001", category: "billing", priority: "normal" });
    expect(text).toMatch(
      /I've opened ticket \*\*T-1001\*\* \(Billing and refunds, normal priority\) for our Refunds and claims team\. We'll reply by \*\*/,
    );
    expect(text).not.toMatch(/order number\?/);
    const [ticket] = await ticketsOf();
    expect(ticket).toMatchObject({ orderNumber: "PM-20931", category: "billing", language: "en" });
  });

  it("a Korean bug report becomes a technical ticket acknowledged in Korean with its due time", async () => {
    app = await createTestApp({}, { understander });
    const result = await talk(app).send("앱에서 결제 버튼을 누르면 오류가 나요. 에러 코드 500이 떠요");
    const text = expectTurn(result, "ticket");
    expect(result.trace.ticket).toMatchObject({ category: "technical" });
    expect(text).toMatch(
      /\*\*T-1001\*\* 문의를 접수했어요\(기술 문제, 우선순위 보통\)\. Technical support 팀이 \*\*.+\*\*까지 답변드릴게요\./,
    );
    expect((await ticketsOf())[0]?.language).toBe("ko");
  });

  it("/ticket walks through category, description and order number, with buttons (English)", async () => {
    app = await createTestApp({}, { understander });
    const chat = talk(app);
    const first = await chat.send("/ticket");
    expect(expectTurn(first, "ticket")).toMatch(/What is it about\?/);
    expect(first.replies[0]?.buttons?.map((button) => button.label)).toContain("Billing and refunds");
    expect(expectTurn(await chat.press("ticket.category", "billing"), "ticket")).toMatch(
      /describe the problem/,
    );
    expect(expectTurn(await chat.send("I was charged but the prompt never showed up"), "ticket")).toMatch(
      /order number/,
    );
    const done = await chat.send("PM-7781");
    expect(fullTrace(done.trace).ticket?.id).toBe("T-1001");
    expect((await ticketsOf())[0]).toMatchObject({
      orderNumber: "PM-7781",
      subject: "I was charged but the prompt never showed up",
    });
  });

  it("/ticket in Korean, typing the category and skipping the order number", async () => {
    app = await createTestApp({}, { understander });
    const chat = talk(app);
    await chat.send("/lang ko");
    expect(expectTurn(await chat.send("/ticket"), "ticket")).toMatch(/어떤 내용인가요/);
    expect(expectTurn(await chat.send("결제·환불"), "ticket")).toMatch(/알려 주세요/);
    expect(expectTurn(await chat.send("결제했는데 구매 내역에 프롬프트가 없어요"), "ticket")).toMatch(
      /주문 번호/,
    );
    const done = await chat.send("없어요");
    expect(expectTurn(done, "ticket")).toMatch(/문의를 접수했어요/);
    expect((await ticketsOf())[0]?.orderNumber).toBeNull();
  });

  it("cancelling mid-form creates no ticket (English and Korean)", async () => {
    app = await createTestApp({}, { understander });
    const english = talk(app);
    await english.send("/ticket");
    expect(expectTurn(await english.send("cancel"), "ticket")).toMatch(/No ticket was created/);
    const korean = talk(app, "test:ko-cancel", "user-2");
    await korean.send("/lang ko");
    await korean.send("/ticket");
    await korean.press("ticket.category", "technical");
    expect(expectTurn(await korean.send("취소"), "ticket")).toMatch(/접수되지 않았어요/);
    expect(await ticketsOf("user-1")).toHaveLength(0);
    expect(await ticketsOf("user-2")).toHaveLength(0);
  });

  it("refuses an order number of 10 KB and an unknown category, writing nothing", async () => {
    app = await createTestApp({}, { understander });
    const chat = talk(app);
    await chat.send("/ticket");
    const unknown = await chat.press("ticket.category", "spaceships");
    expect(expectTurn(unknown, "ticket")).toMatch(/What is it about\?/);
    await chat.press("ticket.category", "billing");
    await chat.send("I was charged twice for one prompt yesterday");
    const huge = await chat.send("9".repeat(10_240));
    expect(expectTurn(huge, "ticket")).toMatch(/longer than 64 characters/);
    expect(await ticketsOf()).toHaveLength(0);
    expect((await chat.send("PM-1")).trace.action).toBe("ticket");
  });

  it("a charged-twice report gets high priority", async () => {
    app = await createTestApp({}, { understander });
    const result = await talk(app).send("I need a refund, I was charged twice for order PM-5512");
    expect(fullTrace(result.trace).ticket?.priority).toBe("high");
  });

  it("/status lists open tickets with their next step, and refuses someone else's ticket", async () => {
    app = await createTestApp({}, { understander });
    const owner = talk(app, "test:owner", "owner");
    await owner.send("I want a refund for order PM-20931, the prompt doesn't work");
    const status = await owner.send("/status");
    expect(expectTurn(status, "command")).toMatch(
      /Your open tickets:\n\n- \*\*T-1001\*\* · .+ · received · first reply by/,
    );
    const stranger = talk(app, "test:stranger", "stranger");
    const refused = await stranger.send("/status T-1001");
    expect(expectTurn(refused, "command")).toMatch(/couldn't find ticket T-1001 among your tickets/);
    expect(expectTurn(await stranger.send("/status"), "command")).toMatch(/no open tickets/);
  });

  it("/status in Korean", async () => {
    app = await createTestApp({}, { understander });
    const chat = talk(app);
    await chat.send("앱에서 결제 버튼을 누르면 오류가 나요. 에러 코드 500");
    expect(expectTurn(await chat.send("/status"), "command")).toMatch(
      /진행 중인 문의:\n\n- \*\*T-1001\*\* · .+ · 접수됨 · .+까지 첫 답변/,
    );
  });

  it("pushes status changes to the customer, asks for a rating once solved, and records it once", async () => {
    app = await createTestApp({}, { understander });
    const chat = talk(app);
    await chat.send("I want a refund for order PM-20931, the prompt doesn't work");
    await app.tickets.assign("T-1001", { id: "U1", name: "Mina" });
    expect(sentOn(app).at(-1)?.message.text).toBe(
      "Update on **T-1001**: a person from our Refunds and claims team is now handling your ticket.",
    );
    await app.tickets.setStatus("T-1001", "pending_customer", "agent:U1");
    expect(sentOn(app).at(-1)?.message.text).toMatch(/needs a bit more information/);
    await app.tickets.setStatus("T-1001", "solved", "agent:U1");
    const survey = sentOn(app).at(-1)?.message;
    expect(survey?.text).toMatch(/ticket \*\*T-1001\*\* is solved\. Was this resolved\?/);
    expect(survey?.buttons).toHaveLength(6);
    expect(expectTurn(await chat.press("csat.rate", "T-1001:5"), "ticket")).toMatch(/rating us 5\/5/);
    await chat.send("Quick and friendly, thanks");
    expect(expectTurn(await chat.press("csat.rate", "T-1001:1"), "ticket")).toMatch(/already rated/);
    expect(await app.tickets.store.get("T-1001")).toMatchObject({
      csatScore: 5,
      csatComment: "Quick and friendly, thanks",
    });
  });

  it("never surveys after an automatic close", async () => {
    app = await createTestApp({}, { understander });
    const chat = talk(app);
    await chat.send("I want a refund for order PM-20931, the prompt doesn't work");
    await app.tickets.store.setStatus("T-1001", "solved", { actor: "agent:U1" });
    await app.tickets.store.autoClose("T-1001");
    const before = sentOn(app).length;
    expect(expectTurn(await chat.press("csat.rate", "T-1001:4"), "ticket")).toMatch(/can't be rated/);
    expect(sentOn(app)).toHaveLength(before + 1);
    expect((await app.tickets.store.get("T-1001"))?.csatScore).toBeNull();
  });

  it("records 👍/👎 on FAQ answers per entry and offers help after 👎", async () => {
    app = await createTestApp({}, { understander });
    const chat = talk(app);
    await chat.send("What payment methods do you accept?");
    expect(expectTurn(await chat.press("faq.feedback", "payment-methods:up"), "answer")).toMatch(
      /Glad it helped/,
    );
    const down = await chat.press("faq.feedback", "payment-methods:down");
    expect(down.replies[0]?.buttons?.map((button) => button.kind === "action" && button.action)).toEqual([
      "handoff.request",
      "ticket.start",
    ]);
    expect(await app.tickets.store.faqFeedbackSummary()).toEqual([
      expect.objectContaining({ entryId: "payment-methods", helpful: 1, notHelpful: 1 }),
    ]);
  });

  it("the fallback's 'open a ticket' button opens it from the question already asked", async () => {
    app = await createTestApp({}, { understander });
    const chat = talk(app);
    await chat.send("My exported PDF has broken Korean fonts in every page");
    const done = await chat.press("ticket.start");
    expect(expectTurn(done, "ticket")).toMatch(/I've opened ticket \*\*T-1001\*\*/);
    expect((await ticketsOf())[0]?.description).toBe("My exported PDF has broken Korean fonts in every page");
  });
});
