import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { isGroundedAnswer } from "../../src/llm/grounded-answer.ts";
import { type FakeOpenAiServer, startFakeOpenAiServer } from "./helpers/fake-openai-server.ts";
import { answerJson, createTestLlm, ENTRIES, messagesOf } from "./helpers/harness.ts";

let server: FakeOpenAiServer;
beforeAll(async () => {
  server = await startFakeOpenAiServer();
});
afterAll(() => server.close());
beforeEach(() => server.reset());

describe("answerFromKb", () => {
  it("returns a cited answer in English and sends a strict JSON-schema request", async () => {
    const { llm } = createTestLlm(server);
    server.enqueue({
      kind: "json",
      content: answerJson(["refund-policy"], "Annual plans are refunded within **14 days** of purchase."),
      usage: { prompt: 320, completion: 25 },
    });
    const result = await llm.answerFromKb({
      question: "Can I get my money back for the annual plan?",
      language: "en",
      entries: [ENTRIES.refund, ENTRIES.exportNotes],
    });
    expect(result).toEqual({
      text: "Annual plans are refunded within **14 days** of purchase.",
      citedIds: ["refund-policy"],
      usage: { promptTokens: 320, completionTokens: 25, totalTokens: 345 },
      cached: false,
    });
    const body = server.requests[0]?.body ?? {};
    expect(body.model).toBe("test-model");
    expect(body.response_format).toMatchObject({
      type: "json_schema",
      json_schema: {
        name: "grounded_answer",
        strict: true,
        schema: { properties: { citedIds: { items: { enum: ["refund-policy", "export-notes"] } } } },
      },
    });
    const { system, user } = messagesOf(body);
    expect(system).toContain("English");
    expect(JSON.parse(user)).toMatchObject({
      reply_language: "en",
      customer_question: "Can I get my money back for the annual plan?",
      knowledge_base_entries: [{ id: "refund-policy" }, { id: "export-notes" }],
    });
  });

  it("returns a cited answer in Korean from the Korean KB text", async () => {
    const { llm } = createTestLlm(server);
    server.enqueue({
      kind: "json",
      content: answerJson(["export-notes"], "**설정 → 내보내기**에서 Markdown이나 PDF를 고르시면 됩니다."),
    });
    const result = await llm.answerFromKb({
      question: "노트 내보내기 어떻게 해요?",
      language: "ko",
      entries: [ENTRIES.exportNotes, ENTRIES.password],
    });
    expect(isGroundedAnswer(result) && result.citedIds).toEqual(["export-notes"]);
    expect(isGroundedAnswer(result) && result.text).toContain("내보내기");
    const { system, user } = messagesOf(server.requests[0]?.body ?? {});
    expect(system).toContain("Korean (ko)");
    expect(JSON.parse(user).knowledge_base_entries[0].answer).toBe(ENTRIES.exportNotes.answer.ko);
  });

  it("rejects a hallucinated citation", async () => {
    const { llm } = createTestLlm(server);
    server.enqueue({
      kind: "json",
      content: answerJson(["refund-policy", "vip-refunds"], "VIP customers always get a refund."),
    });
    const result = await llm.answerFromKb({
      question: "Can I get a refund?",
      language: "en",
      entries: [ENTRIES.refund],
    });
    expect(result).toMatchObject({ fallback: "unknown_citation", usage: { totalTokens: 120 } });
  });

  it("falls back when the answer cites nothing", async () => {
    const { llm } = createTestLlm(server);
    server.enqueue({ kind: "json", content: answerJson([], "I think you can export from the menu.") });
    const result = await llm.answerFromKb({
      question: "export?",
      language: "en",
      entries: [ENTRIES.exportNotes],
    });
    expect(result).toMatchObject({ fallback: "no_citation" });
  });

  it("falls back on output that is not the schema, or a refusal", async () => {
    const { llm } = createTestLlm(server);
    server.enqueue(
      { kind: "json", content: "Sure! Open Settings → Export." },
      { kind: "json", content: JSON.stringify({ answer: "Open Settings" }) },
      { kind: "refusal", refusal: "I can't help with that." },
    );
    const ask = () =>
      llm.answerFromKb({ question: "export?", language: "en", entries: [ENTRIES.exportNotes] });
    expect(await ask()).toMatchObject({ fallback: "invalid_output" });
    expect(await ask()).toMatchObject({ fallback: "invalid_output" });
    expect(await ask()).toMatchObject({ fallback: "invalid_output" });
  });

  it("rejects numbers and promises the cited entries do not state", async () => {
    const { llm } = createTestLlm(server);
    server.enqueue(
      { kind: "json", content: answerJson(["refund-policy"], "Annual plans are refunded within 30 days.") },
      {
        kind: "json",
        content: answerJson(["export-notes"], "Open Settings → Export. I've issued you a credit."),
      },
      {
        kind: "json",
        content: answerJson(["refund-policy"], "연간 요금제는 14일 이내 환불됩니다. 방금 환불해 드렸습니다."),
      },
    );
    const ask = (language: string) =>
      llm.answerFromKb({ question: "refund?", language, entries: [ENTRIES.refund, ENTRIES.exportNotes] });
    expect(await ask("en")).toMatchObject({ fallback: "unsupported_promise" });
    expect(await ask("en")).toMatchObject({ fallback: "unsupported_promise" });
    expect(await ask("ko")).toMatchObject({ fallback: "unsupported_promise" });
  });

  it("makes no call without entries", async () => {
    const { llm } = createTestLlm(server);
    expect(await llm.answerFromKb({ question: "hello", language: "en", entries: [] })).toEqual({
      fallback: "no_entries",
    });
    expect(server.requests).toHaveLength(0);
  });
});
