import type { TurnContext } from "../../src/core/context.ts";
import type { KnowledgeService } from "../../src/kb/knowledge-service.ts";
import { decideFaq, type FaqDecision, type FaqThresholds, mergeCandidates } from "./decide.ts";

/** The text retrieval searches: the message with personal data as typed placeholders. */
export function searchText(ctx: TurnContext): string {
  return ctx.understanding.redacted ?? ctx.text;
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
