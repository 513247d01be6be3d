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

/** The classifier's view of a message, as far as the FAQ cares. */
export interface IntentView {
  outOfScope: boolean;
  ranked: readonly { name: string; confidence: number }[];
}

/**
 * Merges retrieval scores with the intent classifier's `faq:<id>` confidences (it learned every KB
 * question): an entry scores the better of the two. A message the classifier calls out of scope
 * keeps only retrieval's view.
 */
export function mergeCandidates(
  retrieved: readonly Candidate[],
  intent: IntentView | undefined,
  prefix = "faq:",
): Candidate[] {
  const merged = new Map(retrieved.map((candidate) => [candidate.id, { ...candidate }]));
  if (intent && !intent.outOfScope) {
    for (const { name, confidence } of intent.ranked) {
      if (!name.startsWith(prefix)) continue;
      const id = name.slice(prefix.length);
      const current = merged.get(id);
      if (!current) merged.set(id, { id, score: confidence, question: "" });
      else if (confidence > current.score) current.score = confidence;
    }
  }
  return [...merged.values()].sort((a, b) => b.score - a.score).slice(0, 3);
}
