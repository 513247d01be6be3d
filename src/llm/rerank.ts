import { z } from "zod";
import type { KbEntry } from "../kb/schema.ts";
import { redactPii } from "../privacy/pii.ts";
import { completeJson, parseOutput } from "./call-model.ts";
import { DATA_ONLY_RULE, stripInjectedSentences } from "./injection-guard.ts";
import { normalizeQuestion } from "./response-cache.ts";
import type { LlmRuntime } from "./runtime.ts";
import { type LlmFallbackReason, type LlmUsage, NO_USAGE } from "./types.ts";

/** The entries retrieval could not decide between, to be ordered by the model. */
export interface RerankInput {
  /** The customer's question (redacted here before anything is sent). */
  question: string;
  language: string;
  /** The offline decision's candidates, best first (a handful). */
  entries: readonly KbEntry[];
  defaultLocale?: string;
  signal?: AbortSignal;
}

/**
 * The entry that answers the question, one of those given; `entryId` undefined when the model
 * says none does or gave no usable decision (`fallback` says why).
 */
export interface RerankResult {
  entryId?: string;
  fallback?: LlmFallbackReason;
  usage: LlmUsage;
  cached: boolean;
}

/** What the model answers when none of the entries fits. */
const NO_ENTRY = "none";
const MAX_ENTRIES = 5;
const cachedSchema = z.object({ entryId: z.string() });

function localized<T>(map: Record<string, T>, language: string, fallback?: string): T | undefined {
  return map[language] ?? (fallback === undefined ? undefined : map[fallback]) ?? Object.values(map)[0];
}

/**
 * Asks the model which of the candidate entries answers the question. Only an id that was sent
 * counts (any other answer, a refusal, a timeout or the budget gives no decision); decisions are
 * cached under the redacted question, the entries' text and the model. Never throws.
 */
export async function rerankEntries(rt: LlmRuntime, input: RerankInput): Promise<RerankResult> {
  const entries = input.entries.slice(0, MAX_ENTRIES);
  if (entries.length === 0 || input.question.trim() === "")
    return { fallback: "no_entries", usage: NO_USAGE, cached: false };
  const ids = entries.map((entry) => entry.id);
  const valid = (id: string): string | undefined => (ids.includes(id) ? id : undefined);
  const question = redactPii(input.question.slice(0, 1000)).text;
  const sent = entries.map((entry) => ({
    id: entry.id,
    question: stripInjectedSentences(
      localized(entry.questions, input.language, input.defaultLocale)?.[0] ?? "",
    ).text,
    answer: stripInjectedSentences(
      (localized(entry.answer, input.language, input.defaultLocale) ?? "").slice(0, 400),
    ).text,
  }));
  const cacheParts = ["rerank", rt.model, input.language, normalizeQuestion(question), sent];
  const hit = await rt.cache.get(cacheParts, (value) => cachedSchema.safeParse(value).data);
  if (hit) {
    const entryId = valid(hit.entryId);
    return entryId ? { entryId, usage: NO_USAGE, cached: true } : { usage: NO_USAGE, cached: true };
  }
  const outcome = await completeJson(
    rt,
    {
      task: "answer",
      system: [
        "You match one customer question to the knowledge-base entry that answers it.",
        DATA_ONLY_RULE,
        `Choose the id of the entry whose answer answers the question. If none does, choose "${NO_ENTRY}".`,
        'Reply only with JSON: {"entryId": "<one of the listed ids or none>"}.',
      ].join("\n"),
      user: JSON.stringify({ knowledge_base_entries: sent, customer_question: question }),
      schema: {
        name: "entry_choice",
        schema: {
          type: "object",
          additionalProperties: false,
          required: ["entryId"],
          properties: { entryId: { type: "string", enum: [...ids, NO_ENTRY] } },
        },
      },
      maxTokens: 40,
    },
    input.signal,
  );
  if (!outcome.ok) return { fallback: outcome.reason, usage: outcome.usage ?? NO_USAGE, cached: false };
  const picked = parseOutput(outcome.content, cachedSchema)?.entryId;
  if (picked === undefined) return { fallback: "invalid_output", usage: outcome.usage, cached: false };
  if (picked !== NO_ENTRY && !valid(picked)) {
    rt.logger.info({ task: "rerank" }, "LLM chose an entry it was not offered; ignored");
    return { fallback: "unknown_citation", usage: outcome.usage, cached: false };
  }
  await rt.cache.set(cacheParts, { entryId: picked });
  return picked === NO_ENTRY
    ? { usage: outcome.usage, cached: false }
    : { entryId: picked, usage: outcome.usage, cached: false };
}
