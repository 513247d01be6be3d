import { describe, expect, it } from "vitest";
import { escalationPolicySchema, evaluateEscalation } from "../../src/handoff/escalation-policy.ts";
import { compromiseIn } from "../../src/handoff/threats.ts";
import { scorePriority } from "../../src/tickets/priority.ts";
import { reportsAccountTakeover } from "../../src/understanding/account-takeover.ts";

const policy = escalationPolicySchema.parse({});

describe("account takeover: one definition for the escalation policy and ticket priority", () => {
  it.each([
    "My account was hacked",
    "I think a hacker got in",
    "This looks like an account takeover",
    "my account is compromised",
    "someone logged into my account last night",
    "there was an unauthorized sign-in from Brazil",
    "계정이 해킹당한 것 같아요",
    "계정 도용이 의심됩니다",
    "계정탈취 당했어요",
    "누가 제 계정에 들어왔어요",
  ])("%s: a person takes over at once and the ticket is urgent", (text) => {
    expect(reportsAccountTakeover(text)).toBe(true);
    expect(compromiseIn(text)).toBe("account takeover");
    expect(evaluateEscalation(policy, { userKey: "x", text })).toEqual({
      reason: "possible account takeover",
      priority: "urgent",
    });
    expect(scorePriority({ category: "general", text })).toEqual({
      priority: "urgent",
      reasons: ["keyword:account takeover"],
    });
  });

  it.each(["I love the hackathon edition", "how do I change my account name?", "계정 이름을 바꾸고 싶어요"])(
    "%s: not a break-in, for either",
    (text) => {
      expect(reportsAccountTakeover(text)).toBe(false);
      expect(compromiseIn(text)).toBeUndefined();
      expect(scorePriority({ category: "general", text }).reasons).not.toContain("keyword:account takeover");
    },
  );
});
