import type { FaqSearchResult } from "../../src/kb/engine/faq-engine.ts";

/** One entry offered in a clarify turn. */
export interface FaqOption {
  id: string;
  score: number;
  /** The KB question shown for it ("" when the button shows the entry's first question). */
  question: string;
}

export type FaqDecision =
  | { kind: "answer"; entryId: string }
  | { kind: "clarify"; options: FaqOption[] }
  | { kind: "fallback" };

/**
 * The FAQ engine's calibrated decision as a flow decision. A message asking several things gives
 * one decision per part (see {@link decideParts}); this reads the whole message.
 */
export function engineDecision(result: FaqSearchResult): FaqDecision {
  const top = result.candidates[0];
  if (result.decision === "answer" && top) return { kind: "answer", entryId: top.entryId };
  if (result.decision === "clarify" && top)
    return {
      kind: "clarify",
      options: result.candidates.map((c) => ({ id: c.entryId, score: c.score, question: "" })),
    };
  return { kind: "fallback" };
}

/**
 * A message with several questions: the entries to answer (confident parts) and to offer (parts
 * the engine would clarify: their best entry), without repeats and never both for one entry.
 */
export function decideParts(result: FaqSearchResult): { answer: string[]; offer: string[] } {
  const answer: string[] = [];
  const offer: string[] = [];
  for (const part of result.parts ?? []) {
    const top = part.candidates[0]?.entryId;
    if (!top || answer.includes(top) || offer.includes(top)) continue;
    if (part.decision === "answer") answer.push(top);
    else if (part.decision === "clarify") offer.push(top);
  }
  return { answer, offer: offer.filter((id) => !answer.includes(id)) };
}
