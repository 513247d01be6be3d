import { z } from "zod";
import { checkGroundedOutput } from "./answer-guard.ts";
import { completeJson } from "./call-model.ts";
import { type GroundedQuestion, type PreparedAnswer, prepareGroundedAnswer } from "./grounded-prompt.ts";
import type { LlmRuntime } from "./runtime.ts";
import { type LlmFallbackReason, type LlmUsage, NO_USAGE } from "./types.ts";

export type { GroundedQuestion } from "./grounded-prompt.ts";

/** A validated answer grounded in the cited entries. */
export interface GroundedAnswer {
  /** Markdown for the customer; the customer's own redacted data is put back (see README). */
  text: string;
  /** Entries the answer relies on (a non-empty subset of those given): put them on the trace. */
  citedIds: string[];
  usage: LlmUsage;
  /** True when served from the cache (no tokens spent). */
  cached: boolean;
}

/** No usable answer: the caller answers as it would offline (best KB answer, clarify or fallback). */
export interface GroundedFallback {
  fallback: LlmFallbackReason;
  /** Tokens spent anyway (e.g. an answer that failed validation). */
  usage?: LlmUsage;
}

export type GroundedResult = GroundedAnswer | GroundedFallback;

/** Narrows a {@link GroundedResult} to an answer. */
export function isGroundedAnswer(result: GroundedResult): result is GroundedAnswer {
  return "text" in result;
}

const cachedSchema = z.object({ answer: z.string().min(1), citedIds: z.array(z.string()).min(1) });

/** Builds a fallback, carrying usage only when some was spent. */
export function fallbackOf(reason: LlmFallbackReason, usage?: LlmUsage): GroundedFallback {
  return usage === undefined ? { fallback: reason } : { fallback: reason, usage };
}

/** Prepares the request and logs KB entries whose injected sentences were dropped. */
export function prepare(rt: LlmRuntime, input: GroundedQuestion): PreparedAnswer {
  const prepared = prepareGroundedAnswer(input, rt.model);
  if (prepared.sanitizedIds.length > 0) {
    rt.logger.warn(
      { entries: prepared.sanitizedIds },
      "KB text contains instruction-like sentences ('ignore previous instructions'…); they were not sent to the LLM. Edit these entries.",
    );
  }
  return prepared;
}

/** A cached answer for the same normalised question, language, entries and model. */
export async function cachedAnswer(
  rt: LlmRuntime,
  prepared: PreparedAnswer,
): Promise<GroundedAnswer | undefined> {
  const hit = await rt.cache.get(prepared.cacheParts, (value) => {
    const parsed = cachedSchema.safeParse(value);
    return parsed.success ? parsed.data : undefined;
  });
  if (!hit) return undefined;
  return {
    text: prepared.redaction.restore(hit.answer),
    citedIds: hit.citedIds,
    usage: NO_USAGE,
    cached: true,
  };
}

/** Validates the model's output, caches it (with placeholders) and restores the customer's data. */
export async function finishAnswer(
  rt: LlmRuntime,
  prepared: PreparedAnswer,
  content: string,
  usage: LlmUsage,
): Promise<GroundedResult> {
  const verdict = checkGroundedOutput(content, prepared.context);
  if (!verdict.ok) {
    rt.logger.info({ reason: verdict.reason }, "LLM answer rejected by validation; answering offline");
    return fallbackOf(verdict.reason, usage);
  }
  await rt.cache.set(prepared.cacheParts, { answer: verdict.answer, citedIds: verdict.citedIds });
  return {
    text: prepared.redaction.restore(verdict.answer),
    citedIds: verdict.citedIds,
    usage,
    cached: false,
  };
}

/**
 * Answers a question only from the given KB entries. Returns a validated, cited answer, or a
 * fallback reason when there is nothing to answer from, the model is unavailable, slow, over
 * budget, or its output is not grounded. Never throws.
 */
export async function answerFromKb(rt: LlmRuntime, input: GroundedQuestion): Promise<GroundedResult> {
  if (input.entries.length === 0) return fallbackOf("no_entries");
  const prepared = prepare(rt, input);
  const cached = await cachedAnswer(rt, prepared);
  if (cached) return cached;
  const outcome = await completeJson(rt, prepared.request, input.signal);
  if (!outcome.ok) return fallbackOf(outcome.reason, outcome.usage);
  return finishAnswer(rt, prepared, outcome.content, outcome.usage);
}
