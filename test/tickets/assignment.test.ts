import { describe, expect, it } from "vitest";
import { ConfigError } from "../../src/model/errors.ts";
import { assignTeam, parseAssignmentOverrides } from "../../src/tickets/assignment.ts";
import { TicketValidationError } from "../../src/tickets/errors.ts";
import { parseTicketId } from "../../src/tickets/ticket-id.ts";

const categories = [
  { id: "technical", team: "Technical support" },
  { id: "billing", team: "Billing" },
];

describe("assignTeam", () => {
  it("maps a category to the KB's team, unless the operator overrides it", () => {
    expect(assignTeam("technical", categories)).toBe("Technical support");
    expect(assignTeam("billing", categories, { billing: "Finance" })).toBe("Finance");
  });

  it("refuses a category the KB does not list", () => {
    expect(() => assignTeam("astrology", categories)).toThrow(TicketValidationError);
    expect(() => assignTeam("astrology", categories)).toThrow(/technical, billing/);
  });

  it("reads overrides from config", () => {
    expect(parseAssignmentOverrides("billing=Finance, technical = Tier 2")).toEqual({
      billing: "Finance",
      technical: "Tier 2",
    });
    expect(parseAssignmentOverrides(undefined)).toEqual({});
    expect(() => parseAssignmentOverrides("billing")).toThrow(ConfigError);
  });
});

describe("parseTicketId", () => {
  it.each([
    ["T-1042", "T-1042"],
    ["status of t-1042 please", "T-1042"],
    ["티켓 T 1042 상태", "T-1042"],
    ["#1042", "T-1042"],
    [" 1042 ", "T-1042"],
    ["my order 12345 is late", undefined],
    ["hello", undefined],
    ["x".repeat(1000), undefined],
  ])("%s → %s", (text, id) => {
    expect(parseTicketId(text)).toBe(id);
  });
});
