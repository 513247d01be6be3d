import { afterEach, describe, expect, it } from "vitest";
import type { App } from "../../src/app/create-app.ts";
import type { TurnResult } from "../../src/core/turn-result.ts";
import { createTestApp, hasFixtureKb, sentOn, talk } from "../helpers/bot-harness.ts";

const EN_NOTICE = /You're sending messages faster than I can read them/;
const KO_NOTICE = /메시지가 너무 빠르게 들어오고 있어/;

/** Splits a burst's results: processed turns, the notices, and the silently dropped ones. */
function tally(results: TurnResult[]) {
  return {
    processed: results.filter((result) => !result.duplicate && result.refused === undefined),
    notices: results.filter((result) => result.refused === "rate_limited" && result.replies.length > 0),
    dropped: results.filter((result) => result.refused === "rate_limited" && result.replies.length === 0),
  };
}

let bursts = 0;

/** One user's burst, all at once, each message its own event. */
function burst(app: App, conversation: string, user: string, text: string, count: number) {
  const [channel] = conversation.split(":") as [string];
  const run = ++bursts;
  return Promise.all(
    Array.from({ length: count }, (_, i) =>
      app.bot.handle({
        type: "message",
        id: `${conversation}#burst-${run}-${i}`,
        conversation,
        user: { channel, id: user },
        text,
      }),
    ),
  );
}

describe.skipIf(!hasFixtureKb)("message budgets through the core", () => {
  let app: App;
  afterEach(async () => {
    await app?.close();
  });

  it("200 messages in a burst: 10 processed, one English notice, 189 dropped and never seen by the core", async () => {
    app = await createTestApp({ RATE_LIMIT_USER: "10/60" });
    const results = await burst(app, "test:burst-en", "flooder-en", "How do I reset my password?", 200);
    const { processed, notices, dropped } = tally(results);
    expect(processed).toHaveLength(10);
    expect(notices).toHaveLength(1);
    expect(dropped).toHaveLength(189);
    expect(notices[0]?.replies[0]).toMatchObject({ text: expect.stringMatching(EN_NOTICE), language: "en" });
    expect(notices[0]?.replies[0]?.text).toMatch(/about \d+ seconds/);
    // Only processed turns reach the transcript; the customer saw 10 answers and the one notice.
    expect(await app.transcript.list("test:burst-en")).toHaveLength(10);
    const sent = sentOn(app).filter((item) => item.address.conversation === "burst-en");
    expect(sent.filter((item) => EN_NOTICE.test(item.message.text))).toHaveLength(1);
    expect(sent).toHaveLength(processed.flatMap((result) => result.replies).length + 1);
  });

  it("a Korean customer's notice is in Korean, also when their first message is already over the budget", async () => {
    app = await createTestApp({ RATE_LIMIT_USER: "5/60" });
    const chat = talk(app, "test:burst-ko", "flooder-ko");
    await chat.send("비밀번호를 잊어버렸어요");
    const { processed, notices } = tally(
      await burst(app, chat.conversation, "flooder-ko", "안녕하세요", 100),
    );
    expect(processed).toHaveLength(4);
    expect(notices).toHaveLength(1);
    expect(notices[0]?.replies[0]).toMatchObject({ text: expect.stringMatching(KO_NOTICE), language: "ko" });
    // Another conversation of the same user: no state yet, the message itself says Korean.
    const other = await burst(app, "test:burst-ko-2", "flooder-ko", "환불해 주세요", 3);
    expect(other.filter((result) => result.refused !== undefined)).toHaveLength(3);
    expect(tally(other).notices).toHaveLength(0);
  });

  it("after the window messages are processed again, and the next flood gets one new notice", async () => {
    app = await createTestApp({ RATE_LIMIT_USER: "3/2" });
    const chat = talk(app, "test:window", "window-user");
    const first = tally(await burst(app, chat.conversation, "window-user", "hello", 8));
    expect(first.processed).toHaveLength(3);
    expect(first.notices).toHaveLength(1);
    // Waits for the two-second window to end. Each poll is one more event (a button press no flow
    // handles, so its turn is quick and the burst below starts early in the new window).
    await expect
      .poll(async () => (await chat.press("noop")).refused, { timeout: 8_000, interval: 100 })
      .toBeUndefined();
    // The poll's event opened a new window: two more fit, then one new notice.
    const second = tally(await burst(app, chat.conversation, "window-user", "hello again", 8));
    expect(second.processed).toHaveLength(2);
    expect(second.notices).toHaveLength(1);
  });

  it("duplicate deliveries use no budget", async () => {
    app = await createTestApp({ RATE_LIMIT_USER: "3/60" });
    const event = {
      type: "message" as const,
      id: "dup-1",
      conversation: "test:dups",
      user: { channel: "test", id: "dup-user" },
      text: "hello",
    };
    const deliveries = await Promise.all(Array.from({ length: 20 }, () => app.bot.handle(event)));
    expect(deliveries.filter((result) => !result.duplicate)).toHaveLength(1);
    const chat = talk(app, "test:dups", "dup-user");
    expect((await chat.send("one")).refused).toBeUndefined();
    expect((await chat.send("two")).refused).toBeUndefined();
    expect((await chat.send("three")).refused).toBe("rate_limited");
  });

  it("a group conversation has its own budget across its members", async () => {
    app = await createTestApp({ RATE_LIMIT_CONVERSATION: "5/60" });
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        app.bot.handle({
          type: "message",
          id: `group-${i}`,
          conversation: "test:group-room",
          user: { channel: "test", id: `member-${i}` },
          scope: "group",
          text: "How do I reset my password?",
        }),
      ),
    );
    expect(tally(results).processed).toHaveLength(5);
    expect(tally(results).notices).toHaveLength(1);
  });

  it("a client that rotates sessions is limited by its client key; another client is not", async () => {
    app = await createTestApp({ RATE_LIMIT_CLIENT: "5/60" });
    const session = (i: number, clientKey: string) =>
      app.bot.handle({
        type: "message",
        id: `rotating-${clientKey}-${i}`,
        conversation: `test:rotating-${clientKey}-${i}`,
        user: { channel: "test", id: `session-${clientKey}-${i}` },
        clientKey,
        text: "How do I reset my password?",
      });
    const rotating = tally(
      await Promise.all(Array.from({ length: 60 }, (_, i) => session(i, "203.0.113.7"))),
    );
    expect(rotating.processed).toHaveLength(5);
    expect(rotating.notices).toHaveLength(1);
    expect(rotating.dropped).toHaveLength(54);
    expect((await session(0, "198.51.100.2")).refused).toBeUndefined();
  });

  it("a flood into a queued hand-off relays only the processed messages to the desk", async () => {
    app = await createTestApp({ RATE_LIMIT_USER: "6/60" });
    const chat = talk(app, "test:flood-desk", "flood-desk-user");
    await chat.send("My payment was declined");
    await chat.send("/human");
    expect((await app.handoff.get(chat.conversation))?.packet.status).toBe("queued");
    const { processed } = tally(
      await burst(app, chat.conversation, "flood-desk-user", "hello?? anyone", 100),
    );
    expect(processed).toHaveLength(4);
    const customerLines = (await app.localDesk?.lines(chat.conversation))?.filter(
      (line) => line.from === "customer",
    );
    expect(customerLines).toHaveLength(4);
  });
});
