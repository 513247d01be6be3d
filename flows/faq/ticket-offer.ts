import type { TurnContext } from "../../src/core/context.ts";

/** Intents of a problem the team may have to fix (the ticket flow's intents). */
const PROBLEM_INTENTS = new Set(["bug_report", "account_problem", "billing_problem", "refund_request"]);
const MIN_CONFIDENCE = 0.3;

/**
 * Answer first: a symptom ("I can't log in", "앱이 안 켜져요") that the FAQ answers gets the answer
 * plus an offer to open a ticket, instead of a ticket straight away (see the ticket flow's match).
 * A question ("how do I reset my password?") gets the answer alone.
 */
export function offersTicketAfterAnswer(ctx: TurnContext): boolean {
  const { ask, problem, intent } = ctx.understanding;
  // Without the cue reading (a scripted understander) nothing says it is a symptom: no offer.
  if (ask !== "statement") return false;
  if (problem) return true;
  return (intent?.ranked ?? []).some(
    (candidate) => PROBLEM_INTENTS.has(candidate.name) && candidate.confidence >= MIN_CONFIDENCE,
  );
}
