import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type FakeOpenAiServer, startFakeOpenAiServer } from "./helpers/fake-openai-server.ts";
import { answerJson, createTestLlm, ENTRIES } from "./helpers/harness.ts";

let server: FakeOpenAiServer;
beforeAll(async () => {
  server = await startFakeOpenAiServer();
});
afterAll(() => server.close());
beforeEach(() => server.reset());

const GOOD = answerJson(["export-notes"], "Open **Settings → Export** and choose Markdown or PDF.");
const question = { question: "How do I export?", language: "en", entries: [ENTRIES.exportNotes] };

describe("deadline and retries", () => {
  it("falls back within the deadline when the server is slow", async () => {
    const { llm } = createTestLlm(server, { LLM_TIMEOUT_MS: "400" });
    server.enqueue({ kind: "json", content: GOOD, delayMs: 10_000 });
    const started = performance.now();
    const result = await llm.answerFromKb(question);
    const elapsed = performance.now() - started;
    expect(result).toEqual({ fallback: "timeout" });
    expect(elapsed).toBeLessThan(400 + 1500);
    // No retry past the deadline (on a busy machine the one request may not even arrive in time).
    expect(server.requests.length).toBeLessThanOrEqual(1);
  });

  it("falls back within the deadline when the server never answers", async () => {
    const { llm } = createTestLlm(server, { LLM_TIMEOUT_MS: "300" });
    server.setDefault({ kind: "hang" });
    const started = performance.now();
    expect(await llm.summarize({ turns: [{ from: "customer", text: "my sync is broken" }] })).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(300 + 1500);
  });

  it("stops at once when the caller aborts", async () => {
    const { llm } = createTestLlm(server);
    server.setDefault({ kind: "hang" });
    const controller = new AbortController();
    const pending = llm.answerFromKb({ ...question, signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    expect(await pending).toEqual({ fallback: "aborted" });
  });

  it("retries a 429, honouring retry-after, then answers", async () => {
    const { llm } = createTestLlm(server);
    server.enqueue(
      { kind: "error", status: 429, headers: { "retry-after": "0.3" }, message: "Rate limit reached" },
      { kind: "json", content: GOOD },
    );
    const result = await llm.answerFromKb(question);
    expect(result).toMatchObject({ citedIds: ["export-notes"] });
    expect(server.requests).toHaveLength(2);
    const [first, second] = server.requests;
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(250);
  });

  it("gives up at once when retry-after would overrun the deadline", async () => {
    const { llm } = createTestLlm(server, { LLM_TIMEOUT_MS: "1000" });
    server.enqueue({ kind: "error", status: 429, headers: { "retry-after": "30" } });
    const started = performance.now();
    expect(await llm.answerFromKb(question)).toEqual({ fallback: "rate_limited" });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(server.requests).toHaveLength(1);
  });

  it("falls back after a 500 twice (one retry by default)", async () => {
    const { llm } = createTestLlm(server);
    server.enqueue(
      { kind: "error", status: 500 },
      { kind: "error", status: 500 },
      { kind: "json", content: GOOD },
    );
    expect(await llm.answerFromKb(question)).toEqual({ fallback: "upstream_error" });
    expect(server.requests).toHaveLength(2);
  });

  it("does not retry a 400 or 401", async () => {
    const { llm } = createTestLlm(server);
    server.enqueue({ kind: "error", status: 401, message: "Incorrect API key" });
    expect(await llm.answerFromKb(question)).toEqual({ fallback: "upstream_error" });
    expect(server.requests).toHaveLength(1);
  });

  it("falls back when nothing listens at the base URL", async () => {
    const closed = await startFakeOpenAiServer();
    await closed.close();
    const { llm } = createTestLlm(closed, { LLM_TIMEOUT_MS: "1000" });
    expect(await llm.answerFromKb(question)).toEqual({ fallback: "upstream_error" });
  });
});
