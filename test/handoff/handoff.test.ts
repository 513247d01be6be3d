import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, describe, expect, it } from "vitest";
import type { App } from "../../src/app/create-app.ts";
import { OwnershipError, ownershipOf } from "../../src/handoff/ownership.ts";
import { isBusinessTime } from "../../src/tickets/sla/business-calendar.ts";
import { createTestApp, expectTurn, hasFixtureKb, sentOn, talk } from "../helpers/bot-harness.ts";

const mina = { id: "U-mina", name: "Mina" };
const joon = { id: "U-joon", name: "Joon" };

describe.skipIf(!hasFixtureKb)("hand-off to a person through the local desk", () => {
  let app: App;
  afterEach(async () => {
    await app?.close();
  });

  async function escalated(text = "My payment was declined", overrides: Record<string, string> = {}) {
    app = await createTestApp(overrides);
    const chat = talk(app);
    await chat.send(text);
    expectTurn(await chat.send("/human"), "escalate");
    return chat;
  }

  it("posts one packet with the customer's context and what the bot tried", async () => {
    const chat = await escalated();
    const [record] = await app.handoff.list();
    expect(record?.packet).toMatchObject({
      conversation: chat.conversation,
      channel: "test",
      status: "queued",
      priority: "normal",
      language: "en",
      reason: "customer asked for a person",
      triedFaqIds: ["payment-declined"],
    });
    expect(record?.packet.summary).toContain("My payment was declined");
    expect(ownershipOf((await app.state.get(chat.conversation)) ?? { slices: {} })?.status).toBe("queued");
  });

  it("tells the customer their ticket and when a person will reply, with opening hours when closed (en, ko)", async () => {
    app = await createTestApp();
    const english = await talk(app).send("/human");
    expect(english.replies[0]?.text).toMatch(
      /Your reference is \*\*T-1001\*\*; a person will reply by \*\*.+\*\*\./,
    );
    const open = isBusinessTime(Date.now(), app.tickets.policy.calendar);
    expect(/nobody is in right now/.test(english.replies[0]?.text ?? "")).toBe(!open);
    expect(english.trace.ticket).toMatchObject({ id: "T-1001", category: "general" });
    const korean = talk(app, "test:ko-human", "user-ko");
    await korean.send("결제가 거절됐어요");
    const reply = await korean.send("/human");
    expect(reply.replies[0]?.text).toMatch(
      /접수 번호는 \*\*T-1002\*\*이며, 담당자가 \*\*.+\*\*까지 답변드릴게요\./,
    );
    expect((await app.handoff.get(korean.conversation))?.packet.ticket?.id).toBe("T-1002");
  });

  it("asking again while queued does not open a second hand-off", async () => {
    const chat = await escalated();
    expect(expectTurn(await chat.send("/human"), "escalate")).toMatch(/already in the queue/);
    expect(await app.handoff.list()).toHaveLength(1);
  });

  it("while queued every message goes to the desk and the customer hears their place in line", async () => {
    const chat = await escalated();
    const result = await chat.send("What payment methods do you accept?");
    expect(expectTurn(result, "escalate")).toMatch(/next in line for a person/);
    expect(result.trace.escalationReason).toBe("relayed");
    const lines = await app.localDesk?.lines(chat.conversation);
    expect(lines).toMatchObject([
      { from: "customer", text: "What payment methods do you accept?" },
      { from: "bot", text: expect.stringMatching(/next in line for a person/) },
    ]);
  });

  it("claim tells the customer who joined; then the bot stays silent and relays every message", async () => {
    const chat = await escalated();
    await app.handoff.claim(chat.conversation, mina);
    expect(sentOn(app).at(-1)?.message.text).toBe("Mina from support has joined the conversation.");
    const before = sentOn(app).length;
    for (let i = 0; i < 10; i++)
      expectTurn(await chat.send(`message ${i}: what payment methods?`), "escalate");
    expect(sentOn(app)).toHaveLength(before);
    const lines = (await app.localDesk?.lines(chat.conversation)) ?? [];
    expect(lines.filter((line) => line.from === "customer")).toHaveLength(10);
    expect(lines.filter((line) => line.from === "bot")).toHaveLength(0);
  });

  it("a person's reply reaches the customer; a note stays internal", async () => {
    const chat = await escalated();
    await app.handoff.claim(chat.conversation, mina);
    await app.handoff.reply(chat.conversation, mina, "I can see the declined charge, retrying it now.");
    expect(sentOn(app).at(-1)?.message.text).toBe(
      "**Mina:** I can see the declined charge, retrying it now.",
    );
    const before = sentOn(app).length;
    await app.handoff.note(chat.conversation, mina, "bank says card expired");
    expect(sentOn(app)).toHaveLength(before);
    const lines = (await app.localDesk?.lines(chat.conversation)) ?? [];
    expect(lines.map((line) => line.from)).toEqual(expect.arrayContaining(["agent", "note"]));
  });

  it("a second person cannot take a conversation someone holds", async () => {
    const chat = await escalated();
    await app.handoff.claim(chat.conversation, mina);
    await expect(app.handoff.claim(chat.conversation, joon)).rejects.toBeInstanceOf(OwnershipError);
  });

  it("return to bot: the customer is told and the bot answers again", async () => {
    const chat = await escalated();
    await app.handoff.claim(chat.conversation, mina);
    await app.handoff.returnToBot(chat.conversation, mina);
    expect(sentOn(app).at(-1)?.message.text).toMatch(/back with the assistant/);
    expectTurn(await chat.send("What payment methods do you accept?"), "answer", "payment-methods");
    expect(await app.handoff.list()).toHaveLength(0);
  });

  it("close: the customer is told and the hand-off leaves the desk", async () => {
    const chat = await escalated();
    await app.handoff.claim(chat.conversation, mina);
    await app.handoff.close(chat.conversation, mina);
    const texts = sentOn(app).map((sent) => sent.message.text);
    expect(texts.at(-2)).toMatch(/Mina has closed this conversation/);
    expect(texts.at(-1)).toMatch(/Was this resolved\?/);
    expect(await app.handoff.list()).toHaveLength(0);
    expect(ownershipOf((await app.state.get(chat.conversation)) ?? { slices: {} })?.status).toBe("bot");
  });

  it("in Korean: joined, reply and return notices in Korean", async () => {
    app = await createTestApp();
    const chat = talk(app);
    await chat.send("결제가 거절됐어요");
    expect(expectTurn(await chat.send("/human"), "escalate")).toMatch(/상담팀/);
    await app.handoff.claim(chat.conversation, mina);
    expect(sentOn(app).at(-1)?.message.text).toBe("상담원 Mina님이 대화에 참여했어요.");
    await app.handoff.returnToBot(chat.conversation, mina);
    expect(sentOn(app).at(-1)?.message.text).toMatch(/다시 상담 도우미/);
  });

  it("a silent person's lease expires: the bot takes over on the next message, the item stays on the desk", async () => {
    const chat = await escalated("My payment was declined", { HANDOFF_LEASE_MINUTES: "0.001" });
    await app.handoff.claim(chat.conversation, mina);
    await sleep(120);
    const result = await chat.send("What payment methods do you accept?");
    expect(result.replies[0]?.text).toMatch(/stepped away.*no need to ask again/);
    await expect.poll(() => sentOn(app).at(-1)?.message.text).toMatch(/Visa/);
    expect(ownershipOf((await app.state.get(chat.conversation)) ?? { slices: {} })).toMatchObject({
      status: "bot",
      ticketId: "T-1001",
    });
    const record = await app.handoff.get(chat.conversation);
    expect(record?.packet.status).toBe("queued");
    expect(record?.packet.agent).toBeUndefined();
    expect((await app.tickets.store.get("T-1001"))?.assignee).toBeNull();
  });

  it("lease expiry keeps the item on the desk, unassigned; another person claims it without the customer asking again", async () => {
    const chat = await escalated("My payment was declined", { HANDOFF_LEASE_MINUTES: "0.001" });
    await app.handoff.claim(chat.conversation, mina);
    expect((await app.tickets.store.get("T-1001"))?.assignee).toBe("Mina");
    await sleep(120);
    expect(await app.handoff.expireLeases()).toBe(1);
    expect(sentOn(app).at(-1)?.message.text).toMatch(/stepped away/);
    const items = await app.handoff.list();
    expect(items).toHaveLength(1);
    expect(items[0]?.packet).toMatchObject({ conversation: chat.conversation, status: "queued" });
    expect(items[0]?.packet.agent).toBeUndefined();
    expect((await app.tickets.store.get("T-1001"))?.assignee).toBeNull();
    const lines = (await app.localDesk?.lines(chat.conversation)) ?? [];
    expect(lines.at(-1)?.text).toMatch(
      /^Lease expired: Mina went quiet; the conversation is back with the bot/,
    );
    expect(ownershipOf((await app.state.get(chat.conversation)) ?? { slices: {} })?.status).toBe("bot");
    await app.handoff.claim(chat.conversation, joon);
    expect((await app.handoff.get(chat.conversation))?.packet).toMatchObject({
      status: "human",
      agent: joon,
    });
    expect((await app.tickets.store.get("T-1001"))?.assignee).toBe("Joon");
  });

  it("lease expiry notice in Korean", async () => {
    app = await createTestApp({ HANDOFF_LEASE_MINUTES: "0.001" });
    const chat = talk(app, "test:ko-lease", "user-ko");
    await chat.send("결제가 거절됐어요");
    expectTurn(await chat.send("/human"), "escalate");
    await app.handoff.claim(chat.conversation, mina);
    await sleep(120);
    expect(await app.handoff.expireLeases()).toBe(1);
    expect(sentOn(app).at(-1)?.message.text).toMatch(/자리를 비워.*다시 요청하지 않으셔도 돼요/);
    expect((await app.handoff.get(chat.conversation))?.packet.status).toBe("queued");
  });
});
