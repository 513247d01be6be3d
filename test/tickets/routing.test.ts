import { describe, expect, it } from "vitest";
import { ConfigError } from "../../src/model/errors.ts";
import { TicketValidationError } from "../../src/tickets/errors.ts";
import { parseRoutingOverrides, routeCategory } from "../../src/tickets/routing.ts";
import { parseTicketId } from "../../src/tickets/ticket-id.ts";

const categories = [
  { id: "technical", team: "Technical support" },
  { id: "billing", team: "Billing" },
];

describe("routeCategory", () => {
  it("maps a category to the KB's team, unless the operator overrides it", () => {
    expect(routeCategory("technical", categories)).toBe("Technical support");
    expect(routeCategory("billing", categories, { billing: "Finance" })).toBe("Finance");
  });

  it("refuses a category the KB does not list", () => {
    expect(() => routeCategory("astrology", categories)).toThrow(TicketValidationError);
    expect(() => routeCategory("astrology", categories)).toThrow(/technical, billing/);
  });

  it("reads overrides from config", () => {
    expect(parseRoutingOverrides("billing=Finance, technical = Tier 2")).toEqual({
      billing: "Finance",
      technical: "Tier 2",
    });
    expect(parseRoutingOverrides(undefined)).toEqual({});
    expect(() => parseRoutingOverrides("billing")).toThrow(ConfigError);
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
