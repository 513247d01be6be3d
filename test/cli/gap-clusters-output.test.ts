import { describe, expect, it } from "vitest";
import { formatGapClusters } from "../../src/cli/gap-clusters-output.ts";

describe("npm run gaps (clusters)", () => {
  it("prints each cluster's count, languages, closest entry and wordings", () => {
    const text = formatGapClusters([
      {
        id: "a",
        count: 3,
        clarified: 1,
        languages: ["en"],
        questions: [
          { text: "Do you sell gift cards?", language: "en", count: 2 },
          { text: "gift cards available?", language: "en", count: 1 },
        ],
        closest: { entryId: "coupon-code", title: "How do I use a coupon?", score: 0.21 },
        lastAt: 0,
      },
    ]);
    expect(text).toContain("3 asked, 1 clarified · en · closest entry: coupon-code (0.21)");
    expect(text).toContain("  2  en  Do you sell gift cards?");
    expect(formatGapClusters([])).toBe("No unanswered questions recorded yet.");
  });
});
