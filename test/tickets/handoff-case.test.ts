import { afterEach, describe, expect, it } from "vitest";
import type { App } from "../../src/app/create-app.ts";
import { conversationCase } from "../../src/tickets/conversation-case.ts";
import { createTestApp, hasFixtureKb, talk } from "../helpers/bot-harness.ts";

describe("conversationCase: a hand-off ticket describes the whole conversation", () => {
  const entry = (text: string, intent?: string) =>
    ({
      at: 1,
      eventId: text,
      userId: "u",
      type: "message",
      text,
      trace: { action: "answer", ...(intent ? { intent: { name: intent, confidence: 0.9 } } : {}) },
      replies: [],
    }) as never;

  it("takes the subject from the most specific line and leaves out requests for a person", () => {
    const told = conversationCase(
      [entry("hi", "greeting"), entry("My CSV import fails with error 500 on every upload", "bug_report")],
      { text: "can I talk to a person", intent: "human_request" },
      "customer asked for a person",
    );
    expect(told.subject).toBe("My CSV import fails with error 500 on every upload");
    expect(told.intent).toBe("bug_report");
    expect(told.description).not.toContain("talk to a person");
  });

  it("falls back to the reason when the customer said nothing about the problem", () => {
    const told = conversationCase([], { text: "" }, "customer asked for a person");
    expect(told).toMatchObject({
      subject: "customer asked for a person",
      description: "customer asked for a person",
    });
  });

  it("masks personal data in what it searches the FAQ with", () => {
    const told = conversationCase([], { text: "Refund to card 4111 1111 1111 1111 please, order 1234" }, "x");
    expect(told.searchText).not.toContain("4111 1111 1111 1111");
  });
});

describe.skipIf(!hasFixtureKb)("hand-off tickets from the whole conversation (transcript)", () => {
  let app: App;
  afterEach(async () => {
    await app?.close();
  });

  for (const [language, problem] of [
    ["en", "The app crashes every time I export my prompt library to PDF, error 500"],
    ["ko", "프롬프트 라이브러리를 PDF로 내보낼 때마다 앱이 멈추고 500 오류가 나요"],
  ] as const) {
    it(`${language}: the subject, category and team come from the problem described before "/human"`, async () => {
      app = await createTestApp();
      const chat = talk(app, `test:case-${language}`, `user-${language}`);
      if (language === "ko") await chat.send("/lang ko");
      await chat.send(problem);
      await chat.send("/human");
      const item = (await app.handoff.list()).find(
        (found) => found.packet.conversation === chat.conversation,
      );
      const ticket = await app.tickets.store.get(item?.packet.ticket?.id ?? "");
      expect(ticket?.subject).toBe(problem);
      expect(ticket?.category).toBe("technical");
      expect(ticket?.team).toBe("Technical support");
    });
  }
});
