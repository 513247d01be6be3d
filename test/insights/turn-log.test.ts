import { afterEach, describe, expect, it } from "vitest";
import type { App } from "../../src/app/create-app.ts";
import { conversationDigest } from "../../src/insights/turn-facts.ts";
import { createTestApp, hasFixtureKb, talk } from "../helpers/bot-harness.ts";

/** Turns recorded so far (the log is written after each turn, off the reply's path). */
async function recorded(app: App): Promise<number> {
  const [row] = await app.ticketDb.query("SELECT COUNT(*) AS n FROM insight_turns");
  return Number(row?.n ?? 0);
}

describe.skipIf(!hasFixtureKb)("the insights turn log, through the core", () => {
  let app: App | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it("records what each turn understood and did, in English and Korean, without the customer's words", async () => {
    app = await createTestApp();
    const english = talk(app, "test:insights-en");
    const korean = talk(app, "test:insights-ko");
    const asked = [
      "How do I use a prompt I bought?",
      "I want to talk to a person please, my email is mina@example.com",
    ];
    for (const text of asked) await english.send(text);
    await korean.send("구매한 프롬프트는 어떻게 사용하나요?");
    await expect.poll(() => recorded(app as App)).toBe(3);

    const report = await app.insights.report({ period: "7" });
    expect(report.headline.conversations).toBe(2);
    expect(report.headline.escalated).toBe(1);
    expect(report.headline.resolvedByBot).toBe(1);
    expect(report.choices.languages).toEqual(["en", "ko"]);
    expect(report.topEntries).toContainEqual({
      entryId: "use-purchased-prompt",
      answers: 2,
      helpful: 0,
      notHelpful: 0,
    });
    expect(report.escalationReasons).toHaveLength(1);
    expect(report.intentMix.series.length).toBeGreaterThan(0);
    expect(report.busiestHours.flat().reduce((a, b) => a + b, 0)).toBe(3);
    const korean7 = await app.insights.report({ period: "7", language: "ko" });
    expect(korean7.headline.conversations).toBe(1);

    const rows = JSON.stringify(await app.ticketDb.query("SELECT * FROM insight_turns"));
    expect(rows).not.toContain("mina@example.com");
    expect(rows).not.toContain("insights-en");
    expect(rows).not.toContain("prompt I bought");
  });

  it("unlinks a conversation's turns from it on erasure, and keeps counting them", async () => {
    app = await createTestApp();
    const chat = talk(app, "test:erase-me", "user-erase");
    await chat.send("How do I use a prompt I bought?");
    await chat.send("구매한 프롬프트는 어떻게 사용하나요?");
    await expect.poll(() => recorded(app as App)).toBe(2);
    const digest = conversationDigest("test:erase-me");
    const linked = async () =>
      Number(
        (
          await (app as App).ticketDb.query(
            "SELECT COUNT(*) AS n FROM insight_turns WHERE conversation = ?",
            [digest],
          )
        )[0]?.n,
      );
    expect(await linked()).toBe(2);
    await app.erasure.erase("test", "user-erase", "test:erase-me");
    expect(await linked()).toBe(0);
    expect((await app.insights.report({ period: "7" })).headline.conversations).toBe(1);
  });

  it("records nothing for a duplicate delivery", async () => {
    app = await createTestApp();
    const event = {
      id: "dup-1",
      conversation: "test:dup",
      user: { channel: "test", id: "u" },
      type: "message" as const,
      text: "hello",
    };
    await app.bot.handle(event);
    await app.bot.handle(event);
    await expect.poll(() => recorded(app as App)).toBe(1);
    const second = { ...event, id: "dup-2", text: "thanks" };
    await app.bot.handle(second);
    await expect.poll(() => recorded(app as App)).toBe(2);
  });
});
