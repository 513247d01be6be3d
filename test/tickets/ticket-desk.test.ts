import { afterEach, describe, expect, it } from "vitest";
import type { App } from "../../src/app/create-app.ts";
import { ownershipOf } from "../../src/handoff/ownership.ts";
import { createTestApp, expectTurn, hasFixtureKb, sentOn, talk } from "../helpers/bot-harness.ts";
import { CANARY_MESSAGE, expectNoCanary } from "../helpers/pii-canaries.ts";
import { startTestJobs } from "../helpers/test-jobs.ts";

const DAY = 24 * 3600 * 1000;
const mina = { id: "U-mina", name: "Mina" };

describe.skipIf(!hasFixtureKb)("form tickets on the staff desk", () => {
  let app: App;
  afterEach(async () => {
    await app?.close();
  });

  async function formTicket(
    text = "/ticket My exported PDF has broken Korean fonts on every page",
    user = "user-1",
  ) {
    const chat = talk(app, undefined, user);
    const result = await chat.send(text);
    expectTurn(result, "ticket");
    return chat;
  }

  it("a /ticket ticket appears on the desk as an item with its team, priority and SLA, the customer not queued", async () => {
    app = await createTestApp();
    const chat = await formTicket();
    const [item] = await app.handoff.list();
    expect(item?.packet).toMatchObject({
      kind: "ticket",
      conversation: chat.conversation,
      channel: "test",
      status: "queued",
      reason: "ticket opened by the customer",
      ticket: { id: "T-1001", dueText: expect.any(String) },
    });
    const ticket = await app.tickets.store.get("T-1001");
    expect(item?.packet).toMatchObject({
      category: ticket?.category,
      team: ticket?.team,
      priority: ticket?.priority,
    });
    expect(item?.packet.summary[0]).toMatch(/exported PDF has broken Korean fonts/);
    expect(ownershipOf((await app.state.get(chat.conversation)) ?? { slices: {} })?.status ?? "bot").toBe(
      "bot",
    );
    // It takes no place in the live queue: a customer asking for a person is first in line.
    const other = talk(app, "test:other", "user-2");
    expectTurn(await other.send("/human"), "escalate");
    expect(await app.handoff.queuePosition(other.conversation)).toBe(1);
    expect(await app.handoff.queuePosition(chat.conversation)).toBeUndefined();
  });

  it("the ticket's subject and description are masked on the desk (e-mail, phone, card)", async () => {
    app = await createTestApp();
    const chat = await formTicket(`/ticket ${CANARY_MESSAGE}`);
    // A billing ticket asks for the order number first.
    if (!(await app.handoff.get(chat.conversation))) await chat.press("ticket.noorder");
    const items = await app.handoff.list();
    expect(items[0]?.packet.summary.join(" ")).toContain("•••• 1111");
    expectNoCanary(JSON.stringify(items));
  });

  it("a staff reply reaches the customer on their channel, assigns the ticket and lands in it (English)", async () => {
    app = await createTestApp();
    const chat = await formTicket();
    await app.handoff.reply(chat.conversation, mina, "Which app version are you on?");
    const texts = sentOn(app).map((sent) => sent.message.text);
    expect(texts).toContain("**Mina:** Which app version are you on?");
    expect(texts.some((text) => /Mina/.test(text) && /joined/.test(text))).toBe(true);
    const ticket = await app.tickets.store.get("T-1001");
    expect(ticket).toMatchObject({ assignee: "Mina" });
    expect(ticket?.firstResponseAt).not.toBeNull();
  });

  it("a staff reply reaches a Korean customer, with the joined notice in Korean", async () => {
    app = await createTestApp();
    const chat = talk(app, "test:ko-ticket", "user-ko");
    await chat.send("/lang ko");
    await chat.send("/ticket");
    await chat.send("결제·환불");
    await chat.send("결제했는데 구매 내역에 프롬프트가 없어요");
    expect(expectTurn(await chat.send("없어요"), "ticket")).toMatch(/문의를 접수했어요/);
    expect((await app.handoff.get(chat.conversation))?.packet.kind).toBe("ticket");
    const before = sentOn(app).length;
    await app.handoff.reply(chat.conversation, mina, "앱 버전을 알려 주시겠어요?");
    const texts = sentOn(app)
      .slice(before)
      .map((sent) => sent.message.text);
    expect(texts).toContain("**Mina:** 앱 버전을 알려 주시겠어요?");
    expect(
      texts.some((text) => /Mina/.test(text) && /[가-힣]/.test(text) && !/\*\*Mina:\*\*/.test(text)),
    ).toBe(true);
  });

  it("SLA warnings and breaches of a form ticket reach its desk thread once each, claimed or not", async () => {
    app = await createTestApp();
    const unclaimed = await formTicket();
    const claimed = await formTicket(
      "/ticket I was charged twice for order PM-20931, please refund one",
      "user-2",
    );
    await app.handoff.claim(claimed.conversation, mina);
    const jobs = startTestJobs(app);
    try {
      jobs.advance(30 * DAY);
      await jobs.runOnce();
      await jobs.runOnce();
      const first = ((await app.localDesk?.lines(unclaimed.conversation)) ?? []).map((line) => line.text);
      expect(first.filter((text) => /^Still unclaimed: T-1001/.test(text))).toHaveLength(1);
      expect(
        first.filter((text) => /^SLA breached: T-1001 \(\w+\) missed its first reply/.test(text)),
      ).toHaveLength(1);
      expect(
        first.filter((text) => /^SLA breached: T-1001 \(\w+\) missed its resolution/.test(text)),
      ).toHaveLength(1);
      const second = ((await app.localDesk?.lines(claimed.conversation)) ?? []).map((line) => line.text);
      expect(
        second.filter((text) => /^SLA (warning|breached): T-1002 .*(resolution|resolved)/.test(text)).length,
      ).toBeGreaterThanOrEqual(1);
      expect(second.filter((text) => /Still unclaimed/.test(text))).toHaveLength(0);
    } finally {
      await jobs.stop();
    }
  });

  it("a ticket whose desk item is gone is put back on the desk by its SLA alert", async () => {
    app = await createTestApp();
    const chat = await formTicket();
    await app.handoff.returnToBot(chat.conversation, mina);
    expect(await app.handoff.list()).toHaveLength(0);
    const jobs = startTestJobs(app);
    try {
      jobs.advance(30 * DAY);
      await jobs.runOnce();
      const [item] = await app.handoff.list();
      expect(item?.packet.ticket?.id).toBe("T-1001");
      const lines = ((await app.localDesk?.lines(chat.conversation)) ?? []).map((line) => line.text);
      expect(lines.some((text) => /^Still unclaimed: T-1001/.test(text))).toBe(true);
    } finally {
      await jobs.stop();
    }
  });

  it("asking for a person after a form ticket turns its desk item into the hand-off (one item, same ticket)", async () => {
    app = await createTestApp();
    const chat = await formTicket();
    const before = await app.handoff.get(chat.conversation);
    expectTurn(await chat.send("/human"), "escalate");
    const items = await app.handoff.list();
    expect(items).toHaveLength(1);
    expect(items[0]?.packet.kind).toBeUndefined();
    expect(items[0]?.packet.ticket?.id).toBe("T-1001");
    expect(items[0]?.deskRef).toEqual(before?.deskRef);
  });
});
