import type { TurnContext } from "../../src/core/context.ts";
import type { KnowledgeSnapshot } from "../../src/kb/knowledge-service.ts";
import type { Llm } from "../../src/llm/create-llm.ts";
import { llmTrace } from "../../src/llm/llm-trace.ts";
import type { LlmFallbackReason, LlmUsage } from "../../src/llm/types.ts";
import type { FaqDecision } from "./decide.ts";
import { searchText } from "./faq-confidence.ts";
import { followedTopic } from "./topic.ts";

/** The LLM functions the FAQ uses before answering; both optional, both with an offline meaning. */
export type FaqLlmAssist = Partial<Pick<Llm, "rerank" | "rewriteFollowUp">>;

/** Adds one LLM step to the turn's trace (tokens add up; the answer step may overwrite it later). */
function note(
  ctx: TurnContext,
  result: { usage: LlmUsage; cached: boolean; fallback?: LlmFallbackReason },
  citedIds?: string[],
): void {
  const earlier = llmTrace.read(ctx.trace).llm;
  const tokens = (earlier?.tokens ?? 0) + (result.cached ? 0 : result.usage.totalTokens);
  // A step that went well keeps an earlier step's fallback (a rejected rewrite, then a rerank) visible.
  const fallback = result.fallback ?? earlier?.fallback;
  llmTrace.write(ctx.trace, {
    llm: {
      ...(citedIds ? { citedIds } : {}),
      ...(fallback ? { fallback } : {}),
      ...(tokens > 0 ? { tokens } : {}),
      cached: result.cached,
    },
  });
}

/**
 * The question to retrieve with. An elliptical follow-up ("and on Android?", "안드로이드는요?") of the
 * conversation's topic (the entry just answered or offered) is rewritten by the LLM into a standalone
 * question from that entry's question; otherwise (no LLM, no topic, no usable rewrite) the message
 * itself, which the engine then reads with the topic.
 */
export async function standaloneQuestion(
  ctx: TurnContext,
  llm: FaqLlmAssist | undefined,
  knowledge: KnowledgeSnapshot,
): Promise<string> {
  const text = searchText(ctx, knowledge);
  const topic = followedTopic(ctx, text);
  if (!llm?.rewriteFollowUp || topic === undefined) return text;
  const last = knowledge.entry(topic);
  const previousQuestion = last
    ? (last.questions[ctx.language] ?? last.questions[knowledge.kb.defaultLocale])?.[0]
    : undefined;
  if (!previousQuestion) return text;
  const result = await llm.rewriteFollowUp({ message: text, previousQuestion, language: ctx.language });
  note(ctx, result);
  return result.question ?? text;
}

/**
 * When the offline decision is to clarify, asks the LLM which offered entry answers the question.
 * Its choice is used only when it is one of the offered entries and exists in the KB; anything
 * else (another id, "none", a timeout, the budget) keeps the clarify turn.
 */
export async function rerankClarify(
  ctx: TurnContext,
  llm: FaqLlmAssist | undefined,
  question: string,
  decision: FaqDecision,
  knowledge: KnowledgeSnapshot,
): Promise<FaqDecision> {
  if (decision.kind !== "clarify" || !llm?.rerank) return decision;
  const entries = decision.options.flatMap((option) => knowledge.entry(option.id) ?? []);
  if (entries.length === 0) return decision;
  const result = await llm.rerank({
    question,
    language: ctx.language,
    entries,
    defaultLocale: knowledge.kb.defaultLocale,
  });
  const chosen = result.entryId;
  const valid = chosen !== undefined && entries.some((entry) => entry.id === chosen);
  note(ctx, result, valid ? [chosen] : undefined);
  return valid ? { kind: "answer", entryId: chosen } : decision;
}
