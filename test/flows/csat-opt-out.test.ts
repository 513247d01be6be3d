import { afterEach, describe, expect, it } from "vitest";
import type { App } from "../../src/app/create-app.ts";
import { createTestApp, expectTurn, hasFixtureKb, sentOn, talk } from "../helpers/bot-harness.ts";

const PROBLEM = {
  en: "/ticket My exported PDF has broken Korean fonts on every page",
  ko: "/ticket 내보낸 PDF 파일의 한글 글꼴이 모든 페이지에서 깨져요",
} as const;

describe.skipIf(!hasFixtureKb)("CSAT opt-out: a customer can ask not to be surveyed again", () => {
  let app: App;
  afterEach(async () => {
    await app?.close();
  });

  it("en: the survey offers “Don't ask me again”; pressed, later solves only say it is solved", async () => {
    app = await createTestApp();
    const chat = talk(app, "test:optout-en", "user-en");
    await chat.send(PROBLEM.en);
    await app.tickets.setStatus("T-1001", "solved", "agent:U1");
    const survey = sentOn(app).at(-1)?.message;
    expect(survey?.text).toMatch(/How would you rate our help/);
    expect(survey?.buttons?.at(-1)).toMatchObject({ label: "Don't ask me again", action: "csat.optout" });
    expect(expectTurn(await chat.press("csat.optout"), "ticket")).toBe(
      "OK, I won't ask you to rate our help again. Your tickets are handled the same as before.",
    );
    await chat.send("/ticket The fonts in my exported invoices are broken too, every page");
    await app.tickets.setStatus("T-1002", "solved", "agent:U1");
    const next = sentOn(app).at(-1)?.message;
    expect(next?.text).toBe("Good news: ticket **T-1002** is solved.");
    expect(next?.buttons ?? []).toEqual([]);
  });

  it("ko: “그만 물어보세요” after the survey opts out, in Korean", async () => {
    app = await createTestApp();
    const chat = talk(app, "test:optout-ko", "user-ko");
    await chat.send("/lang ko");
    await chat.send(PROBLEM.ko);
    await app.tickets.setStatus("T-1001", "solved", "agent:U1");
    expect(sentOn(app).at(-1)?.message.buttons?.at(-1)?.label).toBe("다시 묻지 않기");
    expect(expectTurn(await chat.send("평가 그만 물어보세요"), "ticket")).toMatch(
      /앞으로는 상담 평가를 요청하지 않을게요/,
    );
    expect(await app.tickets.csatOptOut?.has({ channel: "test", id: "user-ko" })).toBe(true);
  });

  it("en: “stop asking me” as the comment step's message opts out instead of being stored as a comment", async () => {
    app = await createTestApp();
    const chat = talk(app, "test:optout-step", "user-step");
    await chat.send(PROBLEM.en);
    await app.tickets.setStatus("T-1001", "solved", "agent:U1");
    await chat.press("csat.rate", "T-1001:4");
    expect(expectTurn(await chat.send("please stop asking me for ratings"), "ticket")).toMatch(
      /won't ask you/,
    );
    expect((await app.tickets.store.get("T-1001"))?.csatComment).toBeNull();
  });
});
