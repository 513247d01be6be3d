import type { FaqSearchResult } from "../../src/kb/engine/faq-engine.ts";
import type { Candidate } from "../../src/kb/retriever.ts";

export interface FaqThresholds {
  /** Minimum score for answering outright. */
  answer: number;
  /** Minimum score for offering the entry in a clarify turn. */
  clarify: number;
  /** Top and runner-up closer than this (both above `clarify`) make the bot ask instead of guess. */
  margin: number;
}

export const DEFAULT_THRESHOLDS: FaqThresholds = { answer: 0.5, clarify: 0.25, margin: 0.12 };

export type FaqDecision =
  | { kind: "answer"; entryId: string }
  | { kind: "clarify"; options: Candidate[] }
  | { kind: "fallback" };

/**
 * Answer / clarify / fallback from ranked candidates. Answering needs a confident top score and a
 * clear lead; close calls become a question to the customer, so a wrong answer is never given
 * with confidence.
 */
export function decideFaq(candidates: readonly Candidate[], thresholds: FaqThresholds): FaqDecision {
  const [top, second] = candidates;
  if (!top || top.score < thresholds.clarify) return { kind: "fallback" };
  const contested =
    second !== undefined &&
    second.score >= thresholds.clarify &&
    top.score - second.score < thresholds.margin;
  if (top.score >= thresholds.answer && !contested) return { kind: "answer", entryId: top.id };
  const floor = Math.max(thresholds.clarify, top.score * 0.5);
  return { kind: "clarify", options: candidates.filter((c) => c.score >= floor).slice(0, 3) };
}

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
