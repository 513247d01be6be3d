import { describe, expect, it } from "vitest";
import {
  intentResultSchema,
  languageResultSchema,
  sentimentResultSchema,
} from "../../src/model/understanding.ts";
import { createOfflineUnderstander } from "../../src/understanding/offline-understander.ts";

const understander = createOfflineUnderstander({ sentiment: { models: { en: null } } });

describe("offline understander", () => {
  it("understands a support message end to end", () => {
    const u = understander.understand(
      "This is the THIRD time I'm asking, I want my money back or I'll dispute the charge!!!",
    );
    expect(u.language.code).toBe("en");
    expect(["refund_request", "complaint"]).toContain(u.intent?.name);
    expect(u.sentiment?.label).toBe("negative");
  });

  it("handles Korean and the language hint", () => {
    const u = understander.understand("상담원 연결해 주세요");
    expect(u.language.code).toBe("ko");
    expect(u.intent?.name).toBe("human_request");
    expect(understander.understand("👍", { language: "ko" }).language.code).toBe("ko");
  });

  it.each([
    ["empty", ""],
    ["emoji only", "🙏🙏🙏"],
    ["mixed", "환불 refund 해주세요"],
    ["10 KB", "refund ".repeat(1500)],
    ["100 KB", "상담원 연결 please ".repeat(6000)],
    ["control characters", "\u0000\u0007\uFFFF"],
  ])("never throws on %s", (_name, text) => {
    const u = understander.understand(text);
    languageResultSchema.parse(u.language);
    intentResultSchema.parse(u.intent);
    sentimentResultSchema.parse(u.sentiment);
  });

  it("understands a 100 KB paste (its time is checked against 10 KB in test/security/linear-time)", () => {
    const text = "my card has not arrived ".repeat(4500);
    const result = understander.understand(text);
    expect(result.language.code).toBe("en");
    intentResultSchema.parse(result.intent);
  });

  it("retrains on new examples", () => {
    const u = createOfflineUnderstander({ sentiment: false, examples: [{ intent: "a", text: "hello" }] });
    expect(u.understand("pizza order").intent?.ranked[0]?.name).toBe("a");
    u.retrain([
      { intent: "order_pizza", text: "I want to order a pizza" },
      { intent: "order_pizza", text: "pizza delivery please" },
      { intent: "cancel", text: "cancel my order" },
      { intent: "cancel", text: "I don't want it anymore, cancel" },
    ]);
    expect(u.understand("can I order pizza").intent?.name).toBe("order_pizza");
    expect(u.understand("x").sentiment).toBeUndefined();
  });

  it("restores a cached model without training", () => {
    const json = JSON.parse(JSON.stringify(understander.intentModel?.toJSON()));
    const cached = createOfflineUnderstander({ cachedModel: json, sentiment: false });
    expect(cached.understand("hi").intent).toEqual(understander.understand("hi").intent);
  });
});
