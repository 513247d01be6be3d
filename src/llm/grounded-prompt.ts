import type { KbEntry } from "../kb/schema.ts";
import { type Redaction, redactPii } from "../privacy/pii.ts";
import type { GroundingContext } from "./answer-guard.ts";
import type { ModelRequest } from "./call-model.ts";
import { DATA_ONLY_RULE, languageName, stripInjectedSentences } from "./injection-guard.ts";
import { normalizeQuestion } from "./response-cache.ts";

/** A question to answer from retrieved KB entries. */
export interface GroundedQuestion {
  /** The customer's message, as typed (it is redacted here before anything is sent). */
  question: string;
  /** Language to answer in (`en`, `ko`, …): the turn's language. */
  language: string;
  /** The top retrieved entries, best first (a handful: each costs prompt tokens). */
  entries: readonly KbEntry[];
  /** Locale to use when an entry has no text in `language` (the KB's `defaultLocale`). */
  defaultLocale?: string;
  /** Aborts the call (e.g. the conversation moved on). */
  signal?: AbortSignal;
}

/** Everything derived from a {@link GroundedQuestion} before calling the model. */
export interface PreparedAnswer {
  request: ModelRequest;
  context: GroundingContext;
  redaction: Redaction;
  cacheParts: readonly unknown[];
  /** Entry ids whose text carried an injection phrasing that was dropped. */
  sanitizedIds: string[];
}

/** Most entries sent per question: more rarely helps and always costs. */
export const MAX_ENTRIES = 5;

function systemPrompt(language: string): string {
  return [
    "You are a customer-support assistant. You answer one customer question using ONLY the knowledge-base entries in the user message.",
    DATA_ONLY_RULE,
    "Rules:",
    "1. Use only facts stated in the entries. Do not add facts, numbers, links, prices or deadlines that are not in them.",
    '2. If the entries do not answer the question, return {"citedIds": [], "answer": ""}.',
    "3. Never promise or announce a refund, credit, discount, cancellation, exception or any other action, and never say you have done something, unless a cited entry states exactly that. You cannot perform actions.",
    `4. Write the answer in ${languageName(language)}, in at most four short sentences, using only **bold**, *italic*, lists and links as formatting.`,
    "5. citedIds lists the id of every entry the answer relies on, and only ids that appear in the entries.",
    "6. Placeholders such as [EMAIL_1] or [PHONE_1] stand for the customer's personal data. Keep them exactly as written if you refer to that data; never invent new ones.",
    'Reply only with JSON: {"citedIds": [...], "answer": "..."}.',
  ].join("\n");
}

function localized<T>(map: Record<string, T>, language: string, fallback?: string): T | undefined {
  return map[language] ?? (fallback === undefined ? undefined : map[fallback]) ?? Object.values(map)[0];
}

/**
 * Builds the model request for a grounded answer: the question redacted, KB text cleaned of
 * injected sentences, everything JSON-encoded in one user message, and a strict JSON schema whose
 * `citedIds` can only name the entries that were sent.
 */
export function prepareGroundedAnswer(input: GroundedQuestion, model: string): PreparedAnswer {
  const entries = input.entries.slice(0, MAX_ENTRIES);
  const redaction = redactPii(input.question.slice(0, 2000));
  const sanitizedIds: string[] = [];
  const clean = (entryId: string, text: string): string => {
    const result = stripInjectedSentences(text);
    if (result.removed && !sanitizedIds.includes(entryId)) sanitizedIds.push(entryId);
    return result.text;
  };
  const sent = entries.map((entry) => ({
    id: entry.id,
    questions: (localized(entry.questions, input.language, input.defaultLocale) ?? [])
      .slice(0, 3)
      .map((question) => clean(entry.id, question)),
    answer: clean(entry.id, localized(entry.answer, input.language, input.defaultLocale) ?? ""),
  }));
  // Facts an answer may use: every locale of the entry, cleaned the same way.
  const entryText = new Map(
    entries.map((entry) => [
      entry.id,
      [...Object.values(entry.answer), ...Object.values(entry.questions).flat()]
        .map((text) => stripInjectedSentences(text).text)
        .join("\n"),
    ]),
  );
  const ids = entries.map((entry) => entry.id);
  const request: ModelRequest = {
    task: "answer",
    system: systemPrompt(input.language),
    user: JSON.stringify({
      reply_language: input.language,
      knowledge_base_entries: sent,
      customer_question: redaction.text,
    }),
    schema: {
      name: "grounded_answer",
      schema: {
        type: "object",
        additionalProperties: false,
        required: ["citedIds", "answer"],
        properties: {
          citedIds: { type: "array", items: { type: "string", enum: ids } },
          answer: { type: "string" },
        },
      },
    },
    maxTokens: 400,
  };
  return {
    request,
    redaction,
    sanitizedIds,
    context: {
      entryIds: new Set(ids),
      entryText,
      question: redaction.text,
      placeholders: new Set(redaction.found.map((finding) => finding.placeholder)),
    },
    // Entry text is part of the key, so editing the KB invalidates cached answers.
    cacheParts: ["answer", model, input.language, normalizeQuestion(redaction.text), sent],
  };
}
