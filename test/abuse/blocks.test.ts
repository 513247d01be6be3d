import { afterEach, describe, expect, it } from "vitest";
import type { App } from "../../src/app/create-app.ts";
import { createTestApp, hasFixtureKb, talk } from "../helpers/bot-harness.ts";

const mina = { id: "local:mina", name: "Mina" };

describe.skipIf(!hasFixtureKb)("blocked users through the core", () => {
  let app: App;
  afterEach(async () => {
    await app?.close();
  });

  const deskLines = async (conversation: string) => (await app.localDesk?.lines(conversation)) ?? [];

  it("a blocked customer is told once (English), then ignored: no answer, no relay, no ticket; unblocked, answered again", async () => {
    app = await createTestApp();
    const chat = talk(app, "test:blocked-en", "blocked-en");
    await chat.send("My payment was declined");
    await chat.send("/human");
    const block = await app.blocks.block({
      channel: "test",
      userId: "blocked-en",
      reason: "spam links",
      duration: "7d",
      actor: mina,
      conversation: chat.conversation,
    });
    // The desk sees the block on the packet and in the thread.
    expect((await app.handoff.get(chat.conversation))?.packet.blocked).toEqual({
      reason: "spam links",
      by: "Mina",
      at: block.blockedAt,
      until: block.expiresAt,
    });
    const linesBefore = await deskLines(chat.conversation);
    expect(linesBefore.at(-1)?.text).toMatch(/^Customer blocked until .+ by Mina: spam links$/);

    const notice = await chat.send("hello? why no answer");
    expect(notice.refused).toBe("blocked");
    expect(notice.replies).toEqual([
      {
        text: "You can no longer message support here. If you think this is a mistake, please contact us another way (for example by email) and we'll look into it.",
        language: "en",
      },
    ]);
    for (const text of ["/ticket The app crashes when I export", "/human", "hello"]) {
      const silent = await chat.send(text);
      expect(silent).toMatchObject({ refused: "blocked", replies: [] });
    }
    expect(await deskLines(chat.conversation)).toHaveLength(linesBefore.length);
    expect(await app.tickets.store.listByCustomer("test", "blocked-en")).toHaveLength(1);
    expect((await app.transcript.list(chat.conversation)).map((entry) => entry.text)).toEqual([
      "My payment was declined",
      "",
    ]);

    await app.blocks.unblock({ channel: "test", userId: "blocked-en", actor: mina });
    expect((await app.handoff.get(chat.conversation))?.packet.blocked).toBeUndefined();
    expect((await deskLines(chat.conversation)).at(-1)?.text).toBe(
      "Customer unblocked by Mina: the bot answers them again",
    );
    const answered = await chat.send("What payment methods do you accept?");
    expect(answered.refused).toBeUndefined();
    expect(answered.replies.length).toBeGreaterThan(0);
  });

  it("a Korean customer is told in Korean, once, across their conversations", async () => {
    app = await createTestApp();
    await app.blocks.block({
      channel: "test",
      userId: "blocked-ko",
      reason: "욕설",
      duration: "24h",
      actor: mina,
    });
    const first = await talk(app, "test:blocked-ko-1", "blocked-ko").send("안녕하세요 환불 문의드려요");
    expect(first.replies).toEqual([
      {
        text: "이곳에서는 더 이상 고객 지원에 메시지를 보내실 수 없어요. 착오라고 생각되시면 이메일 등 다른 방법으로 문의해 주세요. 확인해 드릴게요.",
        language: "ko",
      },
    ]);
    const other = await talk(app, "test:blocked-ko-2", "blocked-ko").send("왜 답이 없나요");
    expect(other).toMatchObject({ refused: "blocked", replies: [] });
  });

  it("a block that expires stops applying by itself, without a restart", async () => {
    app = await createTestApp();
    const chat = talk(app, "test:expiring", "expiring-user");
    // A block that ends 1.5 s from now (the desks offer whole minutes and more).
    const now = Date.now();
    await app.ticketDb.execute(
      "INSERT INTO user_blocks (channel, user_id, reason, blocked_by_id, blocked_by_name, blocked_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
      ["test", "expiring-user", "cool-off", mina.id, mina.name, now, now + 1_500],
    );
    expect((await chat.send("hello")).refused).toBe("blocked");
    await expect
      .poll(async () => (await chat.press("noop")).refused, { timeout: 8_000, interval: 100 })
      .toBeUndefined();
    const answered = await chat.send("How do I reset my password?");
    expect(answered.refused).toBeUndefined();
    expect(answered.replies.length).toBeGreaterThan(0);
  });

  it("a blocked user's flood costs no message budget and gets no slow-down notice", async () => {
    app = await createTestApp({ RATE_LIMIT_USER: "3/60" });
    await app.blocks.block({ channel: "test", userId: "quiet", reason: "spam", duration: "1h", actor: mina });
    const chat = talk(app, "test:quiet", "quiet");
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => chat.send(`spam ${i}`)));
    expect(results.every((result) => result.refused === "blocked")).toBe(true);
    expect(results.filter((result) => result.replies.length > 0)).toHaveLength(1);
    await app.blocks.unblock({ channel: "test", userId: "quiet", actor: mina });
    expect((await chat.send("How do I reset my password?")).refused).toBeUndefined();
  });
});
