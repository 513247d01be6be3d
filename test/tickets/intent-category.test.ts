import { describe, expect, it } from "vitest";
import { categoryForIntent, INTENT_TICKET_CATEGORY } from "../../src/tickets/intent-category.ts";

describe("intent → ticket category (one map for the ticket form and hand-off tickets)", () => {
  const categories = ["billing", "technical", "general"];

  it("suggests the mapped category when the KB has it", () => {
    expect(categoryForIntent("refund_request", categories)).toBe("billing");
    expect(categoryForIntent("bug_report", categories)).toBe("technical");
  });

  it("suggests nothing for a category the KB lacks, an unmapped intent or no intent", () => {
    expect(INTENT_TICKET_CATEGORY.account_problem).toBe("account");
    expect(categoryForIntent("account_problem", categories)).toBeUndefined();
    expect(categoryForIntent("greeting", categories)).toBeUndefined();
    expect(categoryForIntent(undefined, categories)).toBeUndefined();
  });
});
