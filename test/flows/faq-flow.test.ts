import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../src/app/create-app.ts";
import { createTestApp, expectTurn, hasFixtureKb, talk } from "../helpers/bot-harness.ts";

describe.skipIf(!hasFixtureKb)("FAQ flow on the PromptMart fixture", () => {
  let app: App;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());

  it("answers a known question in English with the entry's answer", async () => {
    const text = expectTurn(await talk(app).send("How do I reset my password?"), "answer", "password-reset");
    expect(text).toContain("Forgot password");
  });

  it("answers a known question in Korean, in Korean", async () => {
    const result = await talk(app).send("비밀번호를 잊어버렸어요");
    const text = expectTurn(result, "answer", "password-reset");
    expect(text).toContain("비밀번호 찾기");
    expect(result.trace.language).toBe("ko");
  });

  it("shows an entry's links as link buttons", async () => {
    const result = await talk(app).send("How do I use a prompt I bought?");
    expectTurn(result, "answer", "use-purchased-prompt");
    expect(result.replies[0]?.buttons).toEqual([
      { kind: "link", label: "Library", url: "https://promptmart.example/library" },
      { kind: "action", label: "👍 Helpful", action: "faq.feedback", value: "use-purchased-prompt:up" },
      { kind: "action", label: "👎 Not helpful", action: "faq.feedback", value: "use-purchased-prompt:down" },
    ]);
  });

  it("asks which question was meant when candidates are close (English), and answers the pick", async () => {
    const chat = talk(app);
    const clarify = await chat.send("I bought a prompt but it's not in my library");
    expectTurn(clarify, "clarify");
    const buttons = clarify.replies[0]?.buttons ?? [];
    expect(buttons.length).toBeGreaterThanOrEqual(3);
    expect(buttons.at(-1)).toMatchObject({ action: "faq.none", label: "None of these" });
    const first = buttons[0];
    if (first?.kind !== "action") throw new Error("expected an action button");
    expectTurn(await chat.press(first.action, first.value), "answer", first.value);
  });

  it("asks which question was meant in Korean, and a typed number picks the option", async () => {
    const chat = talk(app);
    const clarify = await chat.send("결제");
    const text = expectTurn(clarify, "clarify");
    expect(text).toContain("혹시 아래 중 하나");
    expect(clarify.replies[0]?.buttons?.at(-1)).toMatchObject({ label: "해당 없음" });
    const second = clarify.replies[0]?.buttons?.[1];
    if (second?.kind !== "action") throw new Error("expected an action button");
    expectTurn(await chat.send("2"), "answer", second.value);
  });

  it("falls back and offers a person for off-topic questions (English)", async () => {
    const result = await talk(app).send("what's the weather in Seoul?");
    const text = expectTurn(result, "fallback");
    expect(text).toContain("person");
    expect(result.replies[0]?.buttons).toEqual([
      { kind: "action", label: "Talk to a person", action: "handoff.request" },
      { kind: "action", label: "Open a ticket", action: "ticket.start" },
    ]);
  });

  it("falls back and offers a person for off-topic questions (Korean)", async () => {
    const result = await talk(app).send("서울 날씨 어때요?");
    const text = expectTurn(result, "fallback");
    expect(text).toContain("상담원");
    expect(result.replies[0]?.buttons?.[0]).toMatchObject({
      label: "상담원 연결",
      action: "handoff.request",
    });
  });

  it("'None of these' falls back and logs the question as unanswered", async () => {
    const chat = talk(app);
    await chat.send("결제");
    expectTurn(await chat.press("faq.none"), "fallback");
    const gaps = await app.unanswered.list();
    expect(gaps.map((gap) => gap.text)).toContain("결제");
  });

  it("logs unanswered questions for the FAQ-gap report, counting repeats", async () => {
    await talk(app).send("Is there a physical store in Busan?");
    await talk(app).send("is there a PHYSICAL store in Busan");
    const gap = (await app.unanswered.list()).find((record) => record.text.toLowerCase().includes("busan"));
    expect(gap?.count).toBe(2);
  });

  it("the talk-to-a-person button escalates (English and Korean)", async () => {
    const english = talk(app);
    await english.send("what's the weather in Seoul?");
    expect(expectTurn(await english.press("handoff.request"), "escalate")).toContain("support team");
    const korean = talk(app);
    await korean.send("서울 날씨 어때요?");
    expect(expectTurn(await korean.press("handoff.request"), "escalate")).toContain("상담팀");
  });

  it("an empty message gets a prompt, not an error", async () => {
    const text = expectTurn(await talk(app).send("   "), "fallback");
    expect(text).toContain("What's your question?");
  });

  it("a 100 KB message is handled without crashing", async () => {
    const result = await talk(app).send("refund ".repeat(15_000));
    expect(result.replies.length).toBeGreaterThan(0);
  });
});
