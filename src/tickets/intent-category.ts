import { categoryOfTopEntries } from "../kb/engine/category-guess.ts";
import type { FaqSearchResult } from "../kb/engine/faq-engine.ts";
import type { KnowledgeBase } from "../kb/schema.ts";

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

/**
 * A ticket's category as the ticket form and hand-off tickets both guess it: the intent's, else the
 * category of the FAQ's top entries for the message (searched only when the intent says nothing),
 * when the KB has that category; undefined otherwise.
 */
export function guessTicketCategory(
  kb: KnowledgeBase,
  intent: string | undefined,
  search: () => FaqSearchResult,
): string | undefined {
  const categories = kb.ticketCategories.map((category) => category.id);
  const byIntent = categoryForIntent(intent, categories);
  if (byIntent) return byIntent;
  const byFaq = categoryOfTopEntries(kb, search());
  return byFaq !== undefined && categories.includes(byFaq) ? byFaq : undefined;
}
