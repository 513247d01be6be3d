import { describe, expect, it } from "vitest";
import { scorePriority } from "../../src/tickets/priority.ts";

describe("scorePriority", () => {
  it.each([
    ["I was charged twice for my order", "high", "keyword:charged twice"],
    ["You double charged my card", "high", "keyword:charged twice"],
    ["이번 달 요금이 이중 결제 되었어요", "high", "keyword:charged twice"],
    ["카드가 두 번 결제됐어요", "high", "keyword:charged twice"],
    ["카드가 두번결제됐어요", "high", "keyword:charged twice"],
    ["My account was hacked", "urgent", "keyword:account takeover"],
    ["계정이 해킹당한 것 같아요", "urgent", "keyword:account takeover"],
    ["계정 도용이 의심됩니다", "urgent", "keyword:account takeover"],
    ["This looks like an account takeover", "urgent", "keyword:account takeover"],
    ["The app is down for everyone in our office", "urgent", "keyword:outage"],
    ["Is there an outage?", "urgent", "keyword:outage"],
    ["지금 전체 장애인가요?", "urgent", "keyword:outage"],
    ["I would like a refund", "normal", "keyword:refund"],
    ["환불 부탁드립니다", "normal", "keyword:refund"],
  ] as const)("%s → %s", (text, priority, reason) => {
    const verdict = scorePriority({ category: "billing", text });
    expect(verdict.priority).toBe(priority);
    expect(verdict.reasons).toContain(reason);
  });

  it("does not read keywords into unrelated words", () => {
    expect(
      scorePriority({ category: "general", text: "I love the hackathon edition and the shutdown button" }),
    ).toEqual({
      priority: "normal",
      reasons: [],
    });
  });

  it("starts from the category's priority and takes the highest rule", () => {
    const categoryPriorities = { privacy: "high", general: "low" } as const;
    expect(scorePriority({ category: "general", text: "How do I sync?" }, { categoryPriorities })).toEqual({
      priority: "low",
      reasons: ["category:general"],
    });
    expect(
      scorePriority({ category: "general", text: "refund please" }, { categoryPriorities }).priority,
    ).toBe("normal");
    expect(
      scorePriority({ category: "privacy", text: "hacked and charged twice" }, { categoryPriorities }),
    ).toEqual({
      priority: "urgent",
      reasons: ["category:privacy", "keyword:account takeover", "keyword:charged twice"],
    });
  });

  it("raises one level for an angry or strongly negative customer", () => {
    const angry = { label: "negative", score: -0.3, emotions: { anger: 0.8 } };
    const bitter = { label: "negative", score: -0.8 };
    const mild = { label: "negative", score: -0.3, emotions: { anger: 0.2 } };
    expect(scorePriority({ category: "billing", text: "refund", sentiment: angry }).priority).toBe("high");
    expect(scorePriority({ category: "billing", text: "refund", sentiment: bitter }).reasons).toContain(
      "sentiment:strongly negative",
    );
    expect(scorePriority({ category: "billing", text: "refund", sentiment: mild }).priority).toBe("normal");
  });

  it("raises one level for a VIP, never above urgent", () => {
    expect(scorePriority({ category: "billing", text: "refund", tier: "vip" })).toEqual({
      priority: "high",
      reasons: ["keyword:refund", "tier:vip"],
    });
    expect(scorePriority({ category: "billing", text: "refund", tier: "standard" }).priority).toBe("normal");
    const sentiment = { label: "negative", score: -0.9 };
    expect(scorePriority({ category: "account", text: "hacked!!", tier: "vip", sentiment }).priority).toBe(
      "urgent",
    );
  });
});
