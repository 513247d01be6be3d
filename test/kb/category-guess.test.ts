import { describe, expect, it } from "vitest";
import { categoryOfTopEntries } from "../../src/kb/engine/category-guess.ts";
import { createFaqEngine, type FaqSearchResult } from "../../src/kb/engine/faq-engine.ts";
import type { KnowledgeBase } from "../../src/kb/schema.ts";

const kb: KnowledgeBase = {
  defaultLocale: "en",
  ticketCategories: [
    { id: "billing", team: "Billing" },
    { id: "technical", team: "Tech" },
  ],
  entries: [
    {
      id: "refunds",
      category: "billing",
      questions: { en: ["Can I get a refund?"] },
      answer: { en: "Yes." },
    },
    {
      id: "invoices",
      category: "billing",
      questions: { en: ["Where is my invoice?"] },
      answer: { en: "Here." },
    },
    { id: "crash", category: "technical", questions: { en: ["The app crashes"] }, answer: { en: "Update." } },
  ],
};

const result = (decision: FaqSearchResult["decision"], scores: [string, number][]): FaqSearchResult => ({
  decision,
  confidence: 0.5,
  candidates: scores.map(([entryId, score]) => ({ entryId, score })),
});

describe("ticket category from the FAQ engine's top entries", () => {
  it("takes the answered entry's category", () => {
    expect(
      categoryOfTopEntries(
        kb,
        result("answer", [
          ["crash", 0.9],
          ["refunds", 0.8],
        ]),
      ),
    ).toBe("technical");
  });

  it("takes the category most of the offered entries' score falls in, or none when split", () => {
    const offered = result("clarify", [
      ["refunds", 0.4],
      ["invoices", 0.3],
      ["crash", 0.35],
    ]);
    expect(categoryOfTopEntries(kb, offered)).toBe("billing");
    expect(
      categoryOfTopEntries(
        kb,
        result("clarify", [
          ["refunds", 0.4],
          ["crash", 0.4],
        ]),
      ),
    ).toBeUndefined();
  });

  it("guesses nothing when the engine found nothing", () => {
    expect(categoryOfTopEntries(kb, result("none", [["refunds", 0.1]]))).toBeUndefined();
  });

  it("reads a real search", () => {
    expect(categoryOfTopEntries(kb, createFaqEngine(kb).search("the app crashes on start"))).toBe(
      "technical",
    );
  });
});
