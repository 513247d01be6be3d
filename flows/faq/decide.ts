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
