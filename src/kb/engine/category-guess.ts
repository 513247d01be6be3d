/**
 * The ticket category a message most likely belongs to, read off the FAQ engine's top entries: the
 * category holding most of the offered entries' score, when the engine found something at all.
 */
import type { KnowledgeBase } from "../schema.ts";
import type { FaqSearchResult } from "./faq-engine.ts";

/** The category of the answered entry, or the one most of the offered entries' score falls in. */
export function categoryOfTopEntries(kb: KnowledgeBase, result: FaqSearchResult): string | undefined {
  if (result.decision === "none") return undefined;
  const candidates = result.decision === "answer" ? result.candidates.slice(0, 1) : result.candidates;
  const weight = new Map<string, number>();
  let total = 0;
  for (const { entryId, score } of candidates) {
    const category = kb.entries.find((entry) => entry.id === entryId)?.category;
    if (!category) continue;
    weight.set(category, (weight.get(category) ?? 0) + score);
    total += score;
  }
  const [best] = [...weight].sort((a, b) => b[1] - a[1]);
  return best && best[1] * 2 > total ? best[0] : undefined;
}
