import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { AnswerStreamEvent } from "../../src/llm/stream-answer.ts";
import { createJsonStringFieldReader, createPlaceholderRestorer } from "../../src/llm/stream-text.ts";
import { redactPii } from "../../src/privacy/pii.ts";
import { type FakeOpenAiServer, startFakeOpenAiServer } from "./helpers/fake-openai-server.ts";
import { answerJson, createTestLlm, ENTRIES, pieces } from "./helpers/harness.ts";

let server: FakeOpenAiServer;
beforeAll(async () => {
  server = await startFakeOpenAiServer();
});
afterAll(() => server.close());
beforeEach(() => server.reset());

async function collect(events: AsyncIterable<AnswerStreamEvent>) {
  const deltas: string[] = [];
  const finals: AnswerStreamEvent[] = [];
  for await (const event of events) {
    if (event.type === "delta") deltas.push(event.text);
    else finals.push(event);
  }
  return { deltas, text: deltas.join(""), finals };
}

const question = { question: "노트 내보내기?", language: "ko", entries: [ENTRIES.exportNotes] };

describe("streamAnswer", () => {
  it("yields the answer text in deltas, then a validated final result", async () => {
    const { llm } = createTestLlm(server);
    const answer = '**설정 → 내보내기**에서 "Markdown" 또는 PDF를 선택하세요.\n끝 😀';
    server.enqueue({
      kind: "stream",
      chunks: pieces(answerJson(["export-notes"], answer), 7),
      usage: { prompt: 200, completion: 40 },
    });
    const { deltas, text, finals } = await collect(llm.streamAnswer(question));
    expect(deltas.length).toBeGreaterThan(3);
    expect(text).toBe(answer);
    expect(finals).toEqual([
      {
        type: "final",
        result: {
          text: answer,
          citedIds: ["export-notes"],
          usage: { promptTokens: 200, completionTokens: 40, totalTokens: 240 },
          cached: false,
        },
      },
    ]);
    expect(server.requests[0]?.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
    expect(await llm.usage()).toMatchObject({ calls: 1, totalTokens: 240 });
  });

  it("ends with a fallback when the streamed answer fails validation", async () => {
    const { llm } = createTestLlm(server);
    server.enqueue({
      kind: "stream",
      chunks: pieces(answerJson(["made-up-entry"], "전액 환불해 드리겠습니다."), 5),
    });
    const { text, finals } = await collect(llm.streamAnswer(question));
    expect(text).toBe("전액 환불해 드리겠습니다.");
    expect(finals).toEqual([
      { type: "final", result: { fallback: "unknown_citation", usage: expect.any(Object) } },
    ]);
  });

  it("serves a cached answer as one delta without a call", async () => {
    const { llm } = createTestLlm(server);
    const answer = "**설정 → 내보내기**를 여세요.";
    server.enqueue({ kind: "json", content: answerJson(["export-notes"], answer) });
    await llm.answerFromKb(question);
    const { deltas, finals } = await collect(llm.streamAnswer(question));
    expect(deltas).toEqual([answer]);
    expect(finals[0]).toMatchObject({ result: { cached: true } });
    expect(server.requests).toHaveLength(1);
  });

  it("falls back when the first text does not arrive in time, and on errors", async () => {
    const { llm } = createTestLlm(server, { LLM_TIMEOUT_MS: "300" });
    server.enqueue(
      { kind: "stream", chunks: ["{}"], delayMs: 5000 },
      { kind: "error", status: 500 },
      { kind: "error", status: 500 },
    );
    const started = performance.now();
    expect((await collect(llm.streamAnswer(question))).finals).toEqual([
      { type: "final", result: { fallback: "timeout" } },
    ]);
    expect(performance.now() - started).toBeLessThan(300 + 1500);
    expect((await collect(llm.streamAnswer(question))).finals).toEqual([
      { type: "final", result: { fallback: "upstream_error" } },
    ]);
  });

  it("stops the upstream stream when the consumer stops early", async () => {
    const { llm } = createTestLlm(server);
    server.enqueue({
      kind: "stream",
      chunks: pieces(answerJson(["export-notes"], "Open Settings → Export and choose a format."), 4),
      chunkDelayMs: 20,
    });
    for await (const event of llm.streamAnswer({ ...question, language: "en" })) {
      if (event.type === "delta") break;
    }
    expect(await llm.usage()).toMatchObject({ calls: 1 });
  });

  it("makes no call over budget", async () => {
    const { llm } = createTestLlm(server, { LLM_MONTHLY_BUDGET_TOKENS: "100" });
    server.enqueue({ kind: "stream", chunks: pieces(answerJson(["export-notes"], "x"), 3) });
    await collect(llm.streamAnswer(question));
    expect((await collect(llm.streamAnswer({ ...question, question: "다른 질문" }))).finals).toEqual([
      { type: "final", result: { fallback: "budget" } },
    ]);
    expect(server.requests).toHaveLength(1);
  });
});

describe("stream text readers", () => {
  it("decodes a JSON string field split anywhere, escapes included", () => {
    const json = JSON.stringify({ citedIds: ["a"], answer: 'He said "hi"\\\n\u00e9 \ud83d\ude00 done' });
    for (let size = 1; size <= 5; size++) {
      const reader = createJsonStringFieldReader("answer");
      const out = pieces(json, size)
        .map((piece) => reader.push(piece))
        .join("");
      expect(out + reader.flush()).toBe('He said "hi"\\\n\u00e9 \ud83d\ude00 done');
    }
  });

  it("never shows a half placeholder", () => {
    const redaction = redactPii("mail me at kim@example.com");
    const restorer = createPlaceholderRestorer(redaction.restore);
    const shown = ["Sent to [EM", "AIL_", "1] now [", "sic]"].map((piece) => restorer.push(piece));
    expect(shown).toEqual(["Sent to ", "", "kim@example.com now ", "[sic]"]);
    expect(restorer.flush()).toBe("");
  });
});
