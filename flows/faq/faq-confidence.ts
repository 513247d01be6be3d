import type { TurnContext } from "../../src/core/context.ts";
import type { FaqSearchResult } from "../../src/kb/engine/faq-engine.ts";
import type { KnowledgeService, KnowledgeSnapshot } from "../../src/kb/knowledge-service.ts";
import { withoutNewcomerCue } from "../../src/understanding/request-cues.ts";
import { engineDecision, type FaqDecision } from "./decide.ts";
import { faqTopic } from "./topic.ts";

/**
 * The text retrieval searches: the message with its personal data as typed placeholders (`<email>`,
 * `<phone>`, …). The FAQ engine reads a placeholder as it reads the data itself, as personal data
 * with the words that introduce it ("my e-mail is", "제 이메일은") dropped, so an address inside a
 * question neither names a topic nor splits the message into a second question. Words saying the
 * customer is new ("I'm new to this") are left out too: they say how to answer, not what about —
 * unless the message is a KB question as written ("I just signed up, how do I get started?").
 */
export function searchText(ctx: TurnContext, knowledge: KnowledgeSnapshot): string {
  const text = ctx.understanding.redacted ?? ctx.text;
  if (!ctx.understanding.newcomer || knowledge.engine.kbQuestion(text) !== undefined) return text;
  return withoutNewcomerCue(text);
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
  const result = knowledge.current().engine.search(text, {
    language: ctx.language,
    context: { previousEntryId: faqTopic(ctx) },
  });
  turn.set(text, result);
  return result;
}

/**
 * What the FAQ would do with this message (answer, clarify or fall back), computed the way the FAQ
 * flow computes it, so flows that may take a message away from the FAQ (tickets) can ask first.
 */
export function faqDecisionFor(ctx: TurnContext, knowledge: KnowledgeService): FaqDecision["kind"] {
  return engineDecision(searchFaqOnce(ctx, knowledge, searchText(ctx, knowledge.current()))).kind;
}
