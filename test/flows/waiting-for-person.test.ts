import { afterEach, describe, expect, it } from "vitest";
import type { App } from "../../src/app/create-app.ts";
import type { HandoffEvent } from "../../src/handoff/bot-framework-events.ts";
import { ownershipOf } from "../../src/handoff/ownership.ts";
import { createTestApp, expectTurn, hasFixtureKb, talk } from "../helpers/bot-harness.ts";
import { scriptedUnderstander } from "../helpers/scripted-understander.ts";

const understander = scriptedUnderstander([
  { pattern: /^(hello|hi|안녕)/i, intent: "greeting" },
  { pattern: /refund|환불/i, intent: "refund_request" },
]);

describe.skipIf(!hasFixtureKb)("waiting for a person", () => {
  let app: App;
  afterEach(async () => {
    await app?.close();
  });

  const deskLines = async (conversation: string) => (await app.localDesk?.lines(conversation)) ?? [];

  it("every message is relayed and the customer hears their place in line, never small talk; 'you can close it' withdraws (English)", async () => {
    const events: HandoffEvent[] = [];
    app = await createTestApp({}, { understander, onHandoffEvent: (event) => events.push(event) });
    const other = talk(app, "test:earlier", "user-0");
    await other.send("/human");
    const chat = talk(app);
    expectTurn(await chat.send("let me talk to a person"), "escalate");
    for (const text of ["hello??? is anyone reading this", "What payment methods do you accept?"]) {
      const result = await chat.send(text);
      expect(expectTurn(result, "escalate")).toMatch(/number \*\*2\*\* in line for a person/);
      expect(result.trace.escalationReason).toBe("relayed");
    }
    // The desk sees each message and what the customer was told (their place in line).
    expect((await deskLines(chat.conversation)).map((line) => [line.from, line.text])).toEqual([
      ["customer", "hello??? is anyone reading this"],
      ["bot", expect.stringMatching(/number \*\*2\*\* in line/)],
      ["customer", "What payment methods do you accept?"],
      ["bot", expect.stringMatching(/number \*\*2\*\* in line/)],
    ]);
    const closed = await chat.send("Never mind, you can close this");
    expect(expectTurn(closed, "command")).toMatch(/withdrawn your request/);
    expect(closed.replies.map((reply) => reply.text).join()).not.toMatch(/delete|erase/i);
    expect((await deskLines(chat.conversation)).at(-1)).toMatchObject({
      from: "system",
      text: expect.stringMatching(/withdrawn/),
    });
    expect(events.at(-1)).toMatchObject({ type: "completed", message: expect.stringMatching(/withdrawn/) });
    expect((await app.handoff.list()).map((found) => found.packet.conversation)).toEqual([
      other.conversation,
    ]);
    expect(ownershipOf((await app.state.get(chat.conversation)) ?? { slices: {} })?.status).toBe("bot");
    // The bot answers again.
    expectTurn(await chat.send("What payment methods do you accept?"), "answer", "payment-methods");
  });

  it("every message is relayed with the place in line; '이제 괜찮아요, 닫아 주세요' withdraws (Korean)", async () => {
    app = await createTestApp({}, { understander });
    const chat = talk(app);
    expectTurn(await chat.send("상담원 연결해 주세요"), "escalate");
    const waiting = await chat.send("안녕하세요? 아무도 없나요");
    expect(expectTurn(waiting, "escalate")).toMatch(/곧 상담원이 연결될 차례/);
    expect(waiting.trace.escalationReason).toBe("relayed");
    const closed = await chat.send("이제 괜찮아요, 닫아 주세요");
    expect(expectTurn(closed, "command")).toMatch(/요청을 취소하고 담당 팀에 알렸어요/);
    expect(await app.handoff.list()).toHaveLength(0);
  });

  it("a threat while waiting raises the open request's priority, without a second one", async () => {
    app = await createTestApp({}, { understander });
    const chat = talk(app);
    await chat.send("/human");
    const result = await chat.send("소비자원에 신고할 거예요");
    expectTurn(result, "escalate");
    expect(result.trace.priority).toBe("high");
    const [record] = await app.handoff.list();
    expect(record?.packet.priority).toBe("high");
    expect(await app.tickets.store.listByCustomer("test", "user-1")).toHaveLength(1);
  });

  it("while a hand-off is open, /ticket adds to its ticket instead of opening a second one (English, Korean)", async () => {
    app = await createTestApp({}, { understander });
    for (const [user, details, already] of [
      [
        "user-en",
        "The charge on my card appeared twice this morning",
        /already with our team as ticket \*\*T-1001\*\*/,
      ],
      ["user-ko", "오늘 아침에 카드 결제가 두 번 됐어요", /이미 \*\*T-1002\*\* 티켓으로/],
    ] as const) {
      const chat = talk(app, `test:append-${user}`, user);
      if (user === "user-ko") await chat.send("/lang ko");
      await chat.send("/human");
      expect(expectTurn(await chat.send("/ticket"), "ticket")).toMatch(already);
      expect((await chat.send(details)).trace.escalationReason).toBe("relayed");
      const all = await app.tickets.store.listByCustomer("test", user);
      expect(all).toHaveLength(1);
      const messages = await app.tickets.store.listMessages(all[0]?.id ?? "");
      expect(messages.map((message) => message.text)).toContain(details);
    }
  });

  it("while a form ticket is open, a new refund request adds to it (English, Korean)", async () => {
    app = await createTestApp({}, { understander });
    const chat = talk(app);
    await chat.send("I want a refund for order PM-20931, the prompt doesn't work");
    const again = await chat.send("/ticket the refund still has not arrived on my card");
    expect(expectTurn(again, "ticket")).toMatch(/added this to your open ticket \*\*T-1001\*\*/);
    const korean = talk(app, "test:append-ko", "user-2");
    await korean.send("주문 PM-20931 환불해 주세요 프롬프트가 작동하지 않아요");
    expect(expectTurn(await korean.send("/ticket"), "ticket")).toMatch(/T-1002\*\* 티켓이 아직 처리 중/);
    expect(expectTurn(await korean.send("환불이 아직 카드로 들어오지 않았어요"), "ticket")).toMatch(
      /추가했어요/,
    );
    expect(await app.tickets.store.listByCustomer("test", "user-1")).toHaveLength(1);
    expect(await app.tickets.store.listByCustomer("test", "user-2")).toHaveLength(1);
  });

  it("/forget during a hand-off tells the desk and tells the customer the request was closed (English, Korean)", async () => {
    const events: HandoffEvent[] = [];
    app = await createTestApp({}, { understander, onHandoffEvent: (event) => events.push(event) });
    for (const [user, closedLine] of [
      ["user-en", /request for a person was closed/],
      ["user-ko", /상담원 연결 요청도 종료했고/],
    ] as const) {
      const chat = talk(app, `test:forget-${user}`, user);
      if (user === "user-ko") await chat.send("/lang ko");
      await chat.send("/human");
      expectTurn(await chat.send("/forget"), "command");
      const done = await chat.press("forget.confirm");
      expect(done.replies.at(-1)?.text).toMatch(closedLine);
      expect(events.at(-1)).toMatchObject({
        type: "completed",
        message: expect.stringMatching(/erased/),
        packet: { conversation: chat.conversation, status: "closed" },
      });
      expect(await app.handoff.get(chat.conversation)).toBeUndefined();
    }
  });
});

describe.skipIf(!hasFixtureKb)("turns that are not unanswered questions", () => {
  let app: App;
  afterEach(async () => {
    await app?.close();
  });

  it("ok, yes, thanks, 👍 and small talk never count towards escalation (English, Korean)", async () => {
    app = await createTestApp();
    for (const texts of [
      ["ok", "yes", "thanks", "👍", "ok", "hello"],
      ["네", "감사합니다", "👍", "알겠어요", "넵", "안녕하세요"],
    ]) {
      const chat = talk(app);
      for (const text of texts) expect((await chat.send(text)).trace.action, text).toBe("smalltalk");
      expect((await app.state.get(chat.conversation))?.unansweredStreak).toBe(0);
    }
    expect(await app.handoff.list()).toHaveLength(0);
  });

  it("'price' → '2fa' → 'help' shows what the bot can do; it does not escalate (English, Korean)", async () => {
    app = await createTestApp();
    for (const texts of [
      ["price", "2fa", "help"],
      ["가격", "2단계 인증", "도움말"],
    ]) {
      const chat = talk(app);
      for (const text of texts.slice(0, 2)) await chat.send(text);
      const help = await chat.send(texts[2] as string);
      expect(expectTurn(help, "command")).toMatch(/\/ticket/);
    }
    expect(await app.handoff.list()).toHaveLength(0);
  });
});
