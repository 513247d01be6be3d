import { z } from "zod";
import { placeholdersIn, redactPii } from "../privacy/pii.ts";
import { completeJson, parseOutput } from "./call-model.ts";
import { DATA_ONLY_RULE, languageName, looksLikeInjection } from "./injection-guard.ts";
import { normalizeQuestion } from "./response-cache.ts";
import type { LlmRuntime } from "./runtime.ts";
import { type LlmFallbackReason, type LlmUsage, NO_USAGE } from "./types.ts";

/** An elliptical follow-up ("and on Android?", "안드로이드는요?") and the topic it continues. */
export interface RewriteInput {
  message: string;
  /** The question the previous turn answered (the KB entry's own question, in `language`). */
  previousQuestion: string;
  language: string;
  signal?: AbortSignal;
}

/** A standalone question to retrieve with, or why there is none (then retrieve with the message). */
export interface RewriteResult {
  question?: string;
  fallback?: LlmFallbackReason;
  usage: LlmUsage;
  cached: boolean;
}

const MAX_CHARS = 300;
const outputSchema = z.object({ question: z.string() });

/**
 * Rewrites a follow-up into a standalone question using the previous turn's topic. The result is
 * only a query: retrieval and the FAQ's own thresholds still decide which entry (if any) answers.
 * Output that is empty, too long, carries instructions or personal-data placeholders the message
 * did not have is dropped. Cached like answers. Never throws.
 */
export async function rewriteFollowUp(rt: LlmRuntime, input: RewriteInput): Promise<RewriteResult> {
  if (input.message.trim() === "" || input.previousQuestion.trim() === "")
    return { fallback: "no_entries", usage: NO_USAGE, cached: false };
  const message = redactPii(input.message.slice(0, 500)).text;
  const previous = redactPii(input.previousQuestion.slice(0, 500)).text;
  const allowed = new Set(placeholdersIn(message));
  const accept = (question: string): string | undefined => {
    const clean = question.replace(/\s+/g, " ").trim();
    if (clean === "" || clean.length > MAX_CHARS || looksLikeInjection(clean)) return undefined;
    return placeholdersIn(clean).every((placeholder) => allowed.has(placeholder)) ? clean : undefined;
  };
  const cacheParts = [
    "rewrite",
    rt.model,
    input.language,
    normalizeQuestion(previous),
    normalizeQuestion(message),
  ];
  const hit = await rt.cache.get(cacheParts, (value) => outputSchema.safeParse(value).data);
  const cachedQuestion = hit ? accept(hit.question) : undefined;
  if (cachedQuestion) return { question: cachedQuestion, usage: NO_USAGE, cached: true };
  const outcome = await completeJson(
    rt,
    {
      task: "answer",
      system: [
        "You rewrite a customer's short follow-up message into one standalone question, using the previous question for context.",
        DATA_ONLY_RULE,
        `Write the question in ${languageName(input.language)}. Keep the customer's meaning; add only what the previous question supplies. Keep placeholders such as [EMAIL_1] exactly as written.`,
        'Reply only with JSON: {"question": "..."}.',
      ].join("\n"),
      user: JSON.stringify({ previous_question: previous, follow_up: message }),
      schema: {
        name: "standalone_question",
        schema: {
          type: "object",
          additionalProperties: false,
          required: ["question"],
          properties: { question: { type: "string" } },
        },
      },
      maxTokens: 120,
    },
    input.signal,
  );
  if (!outcome.ok) return { fallback: outcome.reason, usage: outcome.usage ?? NO_USAGE, cached: false };
  const question = accept(parseOutput(outcome.content, outputSchema)?.question ?? "");
  if (!question) return { fallback: "invalid_output", usage: outcome.usage, cached: false };
  await rt.cache.set(cacheParts, { question });
  return { question, usage: outcome.usage, cached: false };
}
