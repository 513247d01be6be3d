import { describe, expect, it } from "vitest";
import { formatDue } from "../../../src/tickets/sla/format-due.ts";
import { kst } from "../support/fixtures.ts";

describe("formatDue", () => {
  const tuesday10 = kst(2025, 1, 14, 10);

  it("writes a due time the way customers read it, in English and Korean", () => {
    expect(formatDue(tuesday10, "en", "Asia/Seoul")).toBe("Tue 10:00 KST");
    expect(formatDue(tuesday10, "ko", "Asia/Seoul")).toBe("화 10:00 (KST)");
  });

  it("names DST zones by their current abbreviation", () => {
    expect(formatDue(Date.UTC(2025, 0, 14, 15), "en", "America/New_York")).toBe("Tue 10:00 EST");
    expect(formatDue(Date.UTC(2025, 6, 15, 14), "en", "America/New_York")).toBe("Tue 10:00 EDT");
  });

  it("adds the date when the weekday alone would be ambiguous", () => {
    const now = kst(2025, 1, 6, 9);
    expect(formatDue(tuesday10, "en", "Asia/Seoul", { now })).toBe("Tue 14 Jan 10:00 KST");
    expect(formatDue(tuesday10, "ko", "Asia/Seoul", { now })).toBe("1월 14일 (화) 10:00 (KST)");
    expect(formatDue(tuesday10, "en", "Asia/Seoul", { now: kst(2025, 1, 13, 9) })).toBe("Tue 10:00 KST");
  });
});
