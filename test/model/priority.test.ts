import { describe, expect, it } from "vitest";
import { higherPriority, PRIORITIES, prioritySchema, raisePriority } from "../../src/model/priority.ts";

describe("priority (one definition for tickets, hand-offs, the trace and the desks)", () => {
  it("orders the priorities lowest first and parses only those", () => {
    expect(PRIORITIES).toEqual(["low", "normal", "high", "urgent"]);
    expect(prioritySchema.safeParse("urgent").success).toBe(true);
    expect(prioritySchema.safeParse("critical").success).toBe(false);
  });

  it("keeps the more urgent of two, and an absent one gives way", () => {
    expect(higherPriority("high", "normal")).toBe("high");
    expect(higherPriority("low", "urgent")).toBe("urgent");
    expect(higherPriority(undefined, "low")).toBe("low");
    expect(higherPriority("normal", undefined)).toBe("normal");
    expect(higherPriority(undefined, undefined)).toBeUndefined();
  });

  it("raises one level at a time and never above urgent", () => {
    expect(raisePriority("low")).toBe("normal");
    expect(raisePriority("normal")).toBe("high");
    expect(raisePriority("high")).toBe("urgent");
    expect(raisePriority("urgent")).toBe("urgent");
    expect(raisePriority("low", 2)).toBe("high");
  });
});
