import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { NO_INTENT } from "../../src/llm/pick-intent.ts";
import { type FakeOpenAiServer, startFakeOpenAiServer } from "./helpers/fake-openai-server.ts";
import { createTestLlm, messagesOf } from "./helpers/harness.ts";

let server: FakeOpenAiServer;
beforeAll(async () => {
  server = await startFakeOpenAiServer();
});
afterAll(() => server.close());
beforeEach(() => server.reset());

const intents = [
  { name: "refund_request", examples: ["I want my money back", "환불해 주세요"] },
  { name: "export_notes", examples: ["How do I export?", "내보내기"] },
];
const json = (value: unknown) => ({ kind: "json" as const, content: JSON.stringify(value) });

describe("pickIntent", () => {
  it("returns an offered intent, or none, with the list enforced in the schema", async () => {
    const { llm } = createTestLlm(server);
    server.enqueue(json({ intent: "refund_request" }), json({ intent: NO_INTENT }));
    expect(await llm.pickIntent({ text: "돈 돌려받고 싶어요", intents })).toBe("refund_request");
    expect(await llm.pickIntent({ text: "what's the weather", intents })).toBe(NO_INTENT);
    const format = server.requests[0]?.body.response_format as {
      json_schema: { schema: { properties: { intent: { enum: string[] } } } };
    };
    expect(format.json_schema.schema.properties.intent.enum).toEqual([
      "refund_request",
      "export_notes",
      "none",
    ]);
  });

  it("rejects an intent outside the list, and garbage", async () => {
    const { llm } = createTestLlm(server);
    server.enqueue(json({ intent: "cancel_subscription" }), json({ choice: "export_notes" }), {
      kind: "json",
      content: "export_notes",
    });
    for (let i = 0; i < 3; i++)
      expect(await llm.pickIntent({ text: "cancel my plan", intents })).toBeUndefined();
  });

  it("makes no call without candidates", async () => {
    const { llm } = createTestLlm(server);
    expect(await llm.pickIntent({ text: "hi", intents: [] })).toBeUndefined();
    expect(server.requests).toHaveLength(0);
  });
});

describe("summarize", () => {
  it("returns up to three lines in the desk language", async () => {
    const { llm } = createTestLlm(server, { DESK_LANGUAGE: "en" });
    server.enqueue(
      json({
        lines: [
          "Customer was charged twice for order ORD-4471.",
          "Bot explained the refund policy.",
          "Wants a person.",
          "Extra",
        ],
      }),
    );
    const lines = await llm.summarize({
      turns: [
        { from: "customer", text: "결제가 두 번 됐어요 ORD-4471" },
        { from: "bot", text: "연간 요금제는 14일 이내 환불됩니다." },
        { from: "customer", text: "상담원 연결해 주세요" },
      ],
    });
    expect(lines).toEqual([
      "Customer was charged twice for order ORD-4471.",
      "Bot explained the refund policy.",
      "Wants a person.",
    ]);
    const { system, user } = messagesOf(server.requests[0]?.body ?? {});
    expect(system).toContain("English");
    expect(JSON.parse(user).conversation).toHaveLength(3);
  });

  it("returns undefined on failure", async () => {
    const { llm } = createTestLlm(server);
    server.enqueue({ kind: "error", status: 500 }, { kind: "error", status: 500 }, json({ lines: [] }));
    expect(await llm.summarize({ turns: [{ from: "customer", text: "help" }] })).toBeUndefined();
    expect(await llm.summarize({ turns: [{ from: "customer", text: "help" }] })).toBeUndefined();
  });
});

describe("translate", () => {
  it("translates and keeps the customer's data", async () => {
    const { llm } = createTestLlm(server);
    server.enqueue(json({ translation: "주문 ORD-4471 건은 [EMAIL_1]로 안내드렸습니다." }));
    const text = await llm.translate("I sent the details for ORD-4471 to kim@example.com.", "ko", {
      from: "en",
    });
    expect(text).toBe("주문 ORD-4471 건은 kim@example.com로 안내드렸습니다.");
    const { user } = messagesOf(server.requests[0]?.body ?? {});
    expect(JSON.parse(user)).toEqual({
      target_language: "ko",
      text: "I sent the details for ORD-4471 to [EMAIL_1].",
    });
  });

  it("needs no call for the same language, and caches repeats", async () => {
    const { llm } = createTestLlm(server);
    expect(await llm.translate("hello", "en", { from: "en" })).toBe("hello");
    server.enqueue(json({ translation: "안녕하세요" }));
    expect(await llm.translate("Hello", "ko")).toBe("안녕하세요");
    expect(await llm.translate("Hello", "ko")).toBe("안녕하세요");
    expect(server.requests).toHaveLength(1);
  });

  it("returns undefined on failure or a translation that loses data", async () => {
    const { llm } = createTestLlm(server, { LLM_TIMEOUT_MS: "300" });
    server.enqueue(json({ translation: "연락드리겠습니다." }), { kind: "hang" });
    expect(await llm.translate("We'll call you at 010-1234-5678.", "ko")).toBeUndefined();
    expect(await llm.translate("Thanks!", "ko")).toBeUndefined();
  });
});
