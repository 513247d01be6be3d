import { afterEach, describe, expect, it } from "vitest";
import { CLIENT_SHARE } from "../../src/abuse/outcome-caps.ts";
import type { App } from "../../src/app/create-app.ts";
import type { TurnResult } from "../../src/core/turn-result.ts";
import { createTestApp, hasFixtureKb, talk } from "../helpers/bot-harness.ts";
import { scriptedUnderstander } from "../helpers/scripted-understander.ts";
import { fullTrace } from "../helpers/trace.ts";

const understander = scriptedUnderstander([
  { pattern: /crash|오류/i, intent: "bug_report" },
  { pattern: /person|상담원/i, intent: "human_request" },
]);

const BUG_EN = "/ticket The export button crashes the app every time I press it";
const BUG_KO = "/ticket 내보내기 버튼을 누를 때마다 앱에 오류가 나고 꺼져요";
const TALK_EN = "Let me talk to a person please";
const TALK_KO = "상담원과 이야기하고 싶어요";

let floods = 0;

/** `count` messages from one user into one conversation, all at once. */
function flood(app: App, conversation: string, user: string, text: string, count: number) {
  const run = ++floods;
  return Promise.all(
    Array.from({ length: count }, (_, i) =>
      app.bot.handle({
        type: "message",
        id: `flood-${run}-${i}`,
        conversation,
        user: { channel: "test", id: user },
        text,
      }),
    ),
  );
}

const textsOf = (results: TurnResult[]) =>
  results.flatMap((result) => result.replies.map((reply) => reply.text));

describe.skipIf(!hasFixtureKb)("ticket and hand-off budgets through the core", () => {
  let app: App;
  afterEach(async () => {
    await app?.close();
  });

  const budgets = { RATE_LIMIT_TICKETS: "3/3600", RATE_LIMIT_HANDOFFS: "3/3600" };
  const noMessageBudgets = { ...budgets, RATE_LIMIT_USER: "off", RATE_LIMIT_CONVERSATION: "off" };

  it("5,000 `/ticket …` from one user (default message budgets) open one ticket; the rest are told about it", async () => {
    app = await createTestApp(budgets, { understander });
    const results = await flood(app, "test:ticket-flood", "ticket-flooder", BUG_EN, 5_000);
    const tickets = await app.tickets.store.listByCustomer("test", "ticket-flooder");
    expect(tickets.map((ticket) => ticket.id)).toEqual(["T-1001"]);
    const processed = results.filter((result) => result.refused === undefined);
    expect(processed).toHaveLength(30);
    const texts = textsOf(processed);
    expect(texts.filter((text) => /I've opened ticket \*\*T-1001\*\*/.test(text))).toHaveLength(1);
    expect(texts.filter((text) => /already on your open ticket \*\*T-1001\*\*/.test(text))).toHaveLength(29);
    expect(await app.tickets.store.listMessages("T-1001")).toHaveLength(0);
  });

  it("without message budgets the ticket guard alone holds: 300 Korean `/ticket …` open one ticket", async () => {
    app = await createTestApp(noMessageBudgets, { understander });
    const results = await flood(app, "test:ticket-flood-ko", "ticket-flooder-ko", BUG_KO, 300);
    expect(results.every((result) => result.refused === undefined)).toBe(true);
    expect(await app.tickets.store.listByCustomer("test", "ticket-flooder-ko")).toHaveLength(1);
    expect(
      textsOf(results).filter((text) => /처리 중인 \*\*T-1001\*\* 티켓에 이미 있는 내용/.test(text)),
    ).toHaveLength(299);
  });

  it("a customer whose ticket is solved may open another, up to the budget, then is told when (EN and KO)", async () => {
    app = await createTestApp(noMessageBudgets, { understander });
    const chat = talk(app, "test:ticket-budget", "budget-user");
    for (const id of ["T-1001", "T-1002", "T-1003"]) {
      expect(fullTrace((await chat.send(BUG_EN)).trace).ticket?.id).toBe(id);
      await app.tickets.setStatus(id, "solved", "agent:U1");
    }
    const refused = await chat.send(BUG_EN);
    expect(refused.trace.ticket).toBeUndefined();
    expect(refused.replies[0]?.text).toMatch(/opened several tickets recently.+about (59|60) minutes/);
    const korean = talk(app, "test:ticket-budget-ko", "budget-user");
    expect((await korean.send(BUG_KO)).replies[0]?.text).toMatch(
      /여러 건의 문의를 접수하셔서.+약 (59|60)분 뒤/,
    );
    expect(await app.tickets.store.listByCustomer("test", "budget-user")).toHaveLength(3);
  });

  it("5,000 'talk to a person' messages open one hand-off", async () => {
    app = await createTestApp(budgets, { understander });
    await flood(app, "test:human-flood", "human-flooder", TALK_EN, 5_000);
    const handoffs = await app.handoff.list();
    expect(handoffs.map((found) => found.packet.conversation)).toEqual(["test:human-flood"]);
    expect(await app.tickets.store.listByCustomer("test", "human-flooder")).toHaveLength(1);
  });

  it("one user asking for a person from 20 conversations is queued once and told where (EN and KO)", async () => {
    app = await createTestApp(noMessageBudgets, { understander });
    const english = await Promise.all(
      Array.from({ length: 10 }, (_, i) => talk(app, `test:many-${i}`, "many-user").send(TALK_EN)),
    );
    const korean = await Promise.all(
      Array.from({ length: 10 }, (_, i) => talk(app, `test:many-ko-${i}`, "many-user").send(TALK_KO)),
    );
    // Conversations of one user run in parallel: at most the budget may slip through at once.
    const handoffs = (await app.handoff.list()).filter((found) => found.packet.customer.id === "many-user");
    expect(handoffs.length).toBeGreaterThanOrEqual(1);
    expect(handoffs.length).toBeLessThanOrEqual(3);
    const refusals = textsOf(english).filter((text) =>
      /already waiting for a person in another conversation|asked for a person several times recently/.test(
        text,
      ),
    );
    expect(refusals).toHaveLength(10 - handoffs.length);
    expect(
      textsOf(korean).filter((text) => /다른 대화에서 이미 상담원 연결을 기다리고/.test(text)),
    ).toHaveLength(10);
  });

  it("one user asking in 20 conversations one after the other gets exactly one hand-off", async () => {
    app = await createTestApp(noMessageBudgets, { understander });
    for (let i = 0; i < 20; i++) await talk(app, `test:serial-${i}`, "serial-user").send(TALK_EN);
    expect(await app.handoff.list()).toHaveLength(1);
  });

  it(`a client rotating sessions opens at most ${3 * CLIENT_SHARE} hand-offs an hour, and is told to wait`, async () => {
    app = await createTestApp(noMessageBudgets, { understander });
    const results: TurnResult[] = [];
    for (let i = 0; i < 40; i++) {
      results.push(
        await app.bot.handle({
          type: "message",
          id: `rotate-${i}`,
          conversation: `test:rotate-${i}`,
          user: { channel: "test", id: `rotating-session-${i}` },
          clientKey: "203.0.113.9",
          text: TALK_EN,
        }),
      );
    }
    expect(await app.handoff.list()).toHaveLength(3 * CLIENT_SHARE);
    expect(textsOf(results.slice(3 * CLIENT_SHARE))).toEqual(
      Array.from({ length: 40 - 3 * CLIENT_SHARE }, () =>
        expect.stringMatching(/asked for a person several times recently.+about (59|60) minutes/),
      ),
    );
  });
});
