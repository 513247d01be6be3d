import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type FakeOpenAiServer, startFakeOpenAiServer } from "./helpers/fake-openai-server.ts";
import { answerJson, createTestLlm, ENTRIES } from "./helpers/harness.ts";

let server: FakeOpenAiServer;
beforeAll(async () => {
  server = await startFakeOpenAiServer();
});
afterAll(() => server.close());
beforeEach(() => server.reset());

const REFUND = answerJson(["refund-policy"], "Annual plans are refunded within **14 days**.");

describe("cache", () => {
  it("pays for the same question once, however it is typed", async () => {
    const { llm } = createTestLlm(server);
    server.setDefault({ kind: "json", content: REFUND });
    const ask = (question: string) =>
      llm.answerFromKb({ question, language: "en", entries: [ENTRIES.refund, ENTRIES.exportNotes] });
    const first = await ask("Can I get a refund?");
    const second = await ask("  can i get a REFUND ?! ");
    expect(server.requests).toHaveLength(1);
    expect(first).toMatchObject({ cached: false, usage: { totalTokens: 120 } });
    expect(second).toMatchObject({
      cached: true,
      citedIds: ["refund-policy"],
      usage: { totalTokens: 0 },
      text: "Annual plans are refunded within **14 days**.",
    });
  });

  it("keys on language, entries and entry text", async () => {
    const { llm } = createTestLlm(server);
    server.setDefault({ kind: "json", content: REFUND });
    const base = { question: "Can I get a refund?", language: "en", entries: [ENTRIES.refund] };
    await llm.answerFromKb(base);
    await llm.answerFromKb({ ...base, language: "ko" });
    await llm.answerFromKb({ ...base, entries: [ENTRIES.refund, ENTRIES.exportNotes] });
    const edited = {
      ...ENTRIES.refund,
      answer: { ...ENTRIES.refund.answer, en: "Refunded within **14 days**." },
    };
    await llm.answerFromKb({ ...base, entries: [edited] });
    expect(server.requests).toHaveLength(4);
  });

  it("caches with placeholders and restores each customer's own data", async () => {
    const { llm, cacheStore } = createTestLlm(server);
    server.setDefault({
      kind: "json",
      content: answerJson(["reset-password"], "We e-mail a reset link to [EMAIL_1]."),
    });
    const ask = (email: string) =>
      llm.answerFromKb({ question: `Reset link to ${email}?`, language: "en", entries: [ENTRIES.password] });
    expect(await ask("a@example.com")).toMatchObject({ text: "We e-mail a reset link to a@example.com." });
    expect(await ask("b@example.com")).toMatchObject({
      text: "We e-mail a reset link to b@example.com.",
      cached: true,
    });
    expect(server.requests).toHaveLength(1);
    const stored = JSON.stringify([...cacheStore.entries()]);
    expect(stored).toContain("[EMAIL_1]");
    expect(stored).not.toContain("example.com");
  });

  it("does not cache rejected answers", async () => {
    const { llm } = createTestLlm(server);
    server.setDefault({ kind: "json", content: answerJson(["nope"], "Hallucinated.") });
    const ask = () => llm.answerFromKb({ question: "refund?", language: "en", entries: [ENTRIES.refund] });
    await ask();
    await ask();
    expect(server.requests).toHaveLength(2);
  });

  it("can be switched off", async () => {
    const { llm } = createTestLlm(server, { LLM_CACHE_TTL_HOURS: "0" });
    server.setDefault({ kind: "json", content: REFUND });
    const ask = () => llm.answerFromKb({ question: "refund?", language: "en", entries: [ENTRIES.refund] });
    await ask();
    await ask();
    expect(server.requests).toHaveLength(2);
  });
});

describe("usage and budget", () => {
  it("records tokens per call and per task, aggregated per month", async () => {
    let now = Date.UTC(2025, 0, 31, 23, 0);
    const { llm } = createTestLlm(server, {}, { now: () => now });
    server.setDefault((request) =>
      (request.body.response_format as { json_schema: { name: string } }).json_schema.name === "translation"
        ? {
            kind: "json",
            content: JSON.stringify({ translation: "안녕하세요" }),
            usage: { prompt: 50, completion: 5 },
          }
        : { kind: "json", content: REFUND, usage: { prompt: 300, completion: 30 } },
    );
    await llm.answerFromKb({ question: "refund?", language: "en", entries: [ENTRIES.refund] });
    await llm.translate("Hello", "ko");
    expect(await llm.usage()).toEqual({
      month: "2025-01",
      calls: 2,
      promptTokens: 350,
      completionTokens: 35,
      totalTokens: 385,
      byTask: { answer: 330, summary: 0, translate: 55, intent: 0 },
    });
    now = Date.UTC(2025, 1, 1, 0, 30);
    expect(await llm.usage()).toMatchObject({ month: "2025-02", calls: 0, totalTokens: 0 });
    expect((await llm.usage(Date.UTC(2025, 0, 15))).totalTokens).toBe(385);
  });

  it("goes offline once the monthly budget is reached, until the month changes", async () => {
    let now = Date.UTC(2025, 2, 10);
    const { llm } = createTestLlm(server, { LLM_MONTHLY_BUDGET_TOKENS: "500" }, { now: () => now });
    server.setDefault({ kind: "json", content: REFUND, usage: { prompt: 450, completion: 50 } });
    const ask = (question: string) =>
      llm.answerFromKb({ question, language: "en", entries: [ENTRIES.refund] });
    expect(await llm.budgetExceeded()).toBe(false);
    expect(await ask("refund?")).toMatchObject({ citedIds: ["refund-policy"] });
    expect(await llm.budgetExceeded()).toBe(true);
    expect(await ask("money back?")).toEqual({ fallback: "budget" });
    expect(await llm.translate("Hello", "ko")).toBeUndefined();
    expect(await llm.summarize({ turns: [{ from: "customer", text: "help" }] })).toBeUndefined();
    expect(
      await llm.pickIntent({ text: "hi", intents: [{ name: "greet", examples: ["hello"] }] }),
    ).toBeUndefined();
    expect(server.requests).toHaveLength(1);
    now = Date.UTC(2025, 3, 1);
    expect(await llm.budgetExceeded()).toBe(false);
    expect(await ask("money back?")).toMatchObject({ citedIds: ["refund-policy"] });
    expect(server.requests).toHaveLength(2);
  });
});
