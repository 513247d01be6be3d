/**
 * Intents that usually need a ticket, and the ticket category each suggests: the one map that the
 * ticket form (guessing a category) and hand-off tickets (filing an escalation) both read.
 */
export const INTENT_TICKET_CATEGORY: Readonly<Record<string, string>> = {
  refund_request: "billing",
  billing_problem: "billing",
  bug_report: "technical",
  account_problem: "account",
};

/** The category an intent suggests, when the KB has that category; undefined otherwise. */
export function categoryForIntent(
  intent: string | undefined,
  categories: readonly string[],
): string | undefined {
  const category = intent === undefined ? undefined : INTENT_TICKET_CATEGORY[intent];
  return category !== undefined && categories.includes(category) ? category : undefined;
}
