import type { TurnContext } from "../../src/core/context.ts";
import type { KnowledgeService } from "../../src/kb/knowledge-service.ts";
import { decideFaq, type FaqDecision, type FaqThresholds, mergeCandidates } from "./decide.ts";

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

/**
 * What the FAQ would do with this message (answer, clarify or fall back), computed the way the FAQ
 * flow computes it, so flows that may take a message away from the FAQ (tickets) can ask first.
 */
export function faqDecisionFor(
  ctx: TurnContext,
  knowledge: KnowledgeService,
  thresholds: FaqThresholds,
): FaqDecision["kind"] {
  const { retriever } = knowledge.current();
  const candidates = mergeCandidates(retriever.search(searchText(ctx), 3), ctx.understanding.intent);
  return decideFaq(candidates, thresholds).kind;
}
