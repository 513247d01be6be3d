import { describe, expect, it } from "vitest";
import { ConfigError } from "../../src/model/errors.ts";
import {
  assignmentOverridesFromEnv,
  assignTeam,
  parseAssignmentOverrides,
} from "../../src/tickets/assignment.ts";
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

  it("reads TICKET_ASSIGNMENT, still reads its former name TICKET_ROUTING, and refuses both at once", () => {
    expect(assignmentOverridesFromEnv({ TICKET_ASSIGNMENT: "billing=Finance" })).toEqual({
      billing: "Finance",
    });
    expect(assignmentOverridesFromEnv({ TICKET_ROUTING: "billing=Finance" })).toEqual({ billing: "Finance" });
    expect(assignmentOverridesFromEnv({})).toEqual({});
    expect(() => assignmentOverridesFromEnv({ TICKET_ASSIGNMENT: "billing" })).toThrow(
      /TICKET_ASSIGNMENT: cannot read/,
    );
    expect(() => assignmentOverridesFromEnv({ TICKET_ROUTING: "billing" })).toThrow(
      /TICKET_ROUTING: cannot read/,
    );
    expect(() =>
      assignmentOverridesFromEnv({ TICKET_ASSIGNMENT: "billing=Finance", TICKET_ROUTING: "billing=Money" }),
    ).toThrow(/keep only TICKET_ASSIGNMENT/);
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
