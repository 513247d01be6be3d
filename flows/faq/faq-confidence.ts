import type { TurnContext } from "../../src/core/context.ts";
import type { FaqSearchResult } from "../../src/kb/engine/faq-engine.ts";
import type { KnowledgeService } from "../../src/kb/knowledge-service.ts";
import { engineDecision, type FaqDecision, type FaqThresholds } from "./decide.ts";

const TYPED_PLACEHOLDER = /<(?:email|phone|card|rrn)>/g;

/**
 * The text retrieval searches: the message without its personal data. Retrieval is lexical and a
 * placeholder names no topic: left in, `<email>` would read as the word "email" and pull every
 * question with an address in it towards the "change my e-mail" entry.
 */
export function searchText(ctx: TurnContext): string {
  const redacted = ctx.understanding.redacted;
  return redacted === undefined ? ctx.text : redacted.replace(TYPED_PLACEHOLDER, " ");
}

const searches = new WeakMap<TurnContext, Map<string, FaqSearchResult>>();

/**
 * The FAQ engine's reading of `text` in this turn, with the conversation's topic as context.
 * Computed once per turn and text: the ticket flow asks before the FAQ flow answers, and both
 * must see the same search.
 */
export function searchFaqOnce(ctx: TurnContext, knowledge: KnowledgeService, text: string): FaqSearchResult {
  let turn = searches.get(ctx);
  if (!turn) {
    turn = new Map();
    searches.set(ctx, turn);
  }
  const known = turn.get(text);
  if (known) return known;
  const topic = ctx.state.memory.faqTopic;
  const result = knowledge.current().engine.search(text, {
    language: ctx.language,
    context: { previousEntryId: typeof topic === "string" ? topic : undefined },
  });
  turn.set(text, result);
  return result;
}

/**
 * What the FAQ would do with this message (answer, clarify or fall back), computed the way the FAQ
 * flow computes it, so flows that may take a message away from the FAQ (tickets) can ask first.
 */
export function faqDecisionFor(
  ctx: TurnContext,
  knowledge: KnowledgeService,
  _thresholds?: FaqThresholds,
): FaqDecision["kind"] {
  return engineDecision(searchFaqOnce(ctx, knowledge, searchText(ctx))).kind;
}
