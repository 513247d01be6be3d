import { z } from "zod";
import { PII_PLACEHOLDER, placeholdersIn } from "../privacy/pii.ts";
import type { LlmFallbackReason } from "./types.ts";

/** The grounded answer as the model must return it (`citedIds` first: sources, then the answer). */
export const groundedOutputSchema = z.object({
  citedIds: z.array(z.string()),
  answer: z.string(),
});

/** Longest answer we accept; a KB-grounded reply to a support question is short. */
const MAX_ANSWER_CHARS = 2000;

/** What an answer may rely on. */
export interface GroundingContext {
  /** Ids of the entries that were sent. */
  entryIds: ReadonlySet<string>;
  /** Text of every entry that was sent, by id (all locales, injected sentences removed). */
  entryText: ReadonlyMap<string, string>;
  /** The customer's question as sent (redacted): numbers it contains may be echoed. */
  question: string;
  /** Placeholders the redaction produced; any other placeholder is invented. */
  placeholders: ReadonlySet<string>;
}

export type GuardVerdict =
  | { ok: true; answer: string; citedIds: string[] }
  | { ok: false; reason: LlmFallbackReason };

/**
 * Commitments a support answer must not make unless a cited entry makes them too. Matching is by
 * topic: an answer mentioning refunds is fine only if a cited entry mentions refunds.
 */
const COMMITMENT_TOPICS: readonly RegExp[] = [
  /refund|money back|reimburs|charge ?back|환불|환급/i,
  /compensat|\bcredit(?:s|ed)?\b|voucher|coupon|discount|free (?:month|upgrade|plan)|보상|적립|쿠폰|할인|크레딧/i,
  /cancel|terminat|해지|취소|철회/i,
  /replac|exchange|re-?ship|교환|재발송|재배송/i,
  /guarantee|warrant|보장|보증/i,
];

/**
 * First-person claims of having done, or being about to do, something: the bot performs no actions,
 * so these pass only when the cited entry contains the very same phrase.
 */
const ACTION_CLAIM =
  /\bI(?:'ve| have| will|'ll| am going to)\s+(?:\w+\s+)?(?:issu|process|refund|cancel|credit|send|sent|escalat|waiv|extend|upgrad|reset|chang|approv)\w*|(?:환불|보상|취소|처리|해지|적립|변경|승인|발송)(?:을|를)?\s*(?:해\s*)?(?:드렸|드릴게|드리겠|했습니다|완료)/gi;

/** `n` without trailing `,` and `.` (a loop: `/[,.]+$/` rescans "1,,,,…2" from every comma). */
function withoutTrailingPunctuation(n: string): string {
  let end = n.length;
  while (end > 0 && (n[end - 1] === "," || n[end - 1] === ".")) end--;
  return n.slice(0, end);
}

function numbersIn(text: string): string[] {
  const withoutMarkers = text
    .replace(PII_PLACEHOLDER, " ")
    // Ordered-list markers ("1. ", "2) ") are formatting, not facts. The indent stays on its line:
    // a `\s*` there rescanned every following blank line from each line start (quadratic).
    .replace(/^[^\S\n\r\u2028\u2029]*\d+[.)]\s/gm, " ");
  return (withoutMarkers.match(/\d[\d,.]*/g) ?? []).map((n) =>
    withoutTrailingPunctuation(n).replaceAll(",", ""),
  );
}

/**
 * Checks a model's raw output against what it was given: valid JSON of the schema, at least one
 * citation, only ids that were sent, only known placeholders, no promise or number the cited
 * entries do not state. The prompt asks for all of this; this is where it is enforced.
 */
export function checkGroundedOutput(raw: string, context: GroundingContext): GuardVerdict {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { ok: false, reason: "invalid_output" };
  }
  const parsed = groundedOutputSchema.safeParse(json);
  if (!parsed.success) return { ok: false, reason: "invalid_output" };
  const citedIds = [...new Set(parsed.data.citedIds)];
  const answer = parsed.data.answer.trim();
  if (citedIds.length === 0) return { ok: false, reason: "no_citation" };
  if (citedIds.some((id) => !context.entryIds.has(id))) return { ok: false, reason: "unknown_citation" };
  if (answer === "" || answer.length > MAX_ANSWER_CHARS) return { ok: false, reason: "invalid_output" };
  if (placeholdersIn(answer).some((placeholder) => !context.placeholders.has(placeholder)))
    return { ok: false, reason: "invalid_output" };

  const support = citedIds.map((id) => context.entryText.get(id) ?? "").join("\n");
  if (COMMITMENT_TOPICS.some((topic) => topic.test(answer) && !topic.test(support)))
    return { ok: false, reason: "unsupported_promise" };
  const normalizedSupport = support.toLowerCase().replace(/\s+/g, " ");
  for (const claim of answer.matchAll(ACTION_CLAIM)) {
    if (!normalizedSupport.includes(claim[0].toLowerCase().replace(/\s+/g, " ")))
      return { ok: false, reason: "unsupported_promise" };
  }
  const known = new Set([...numbersIn(support), ...numbersIn(context.question)]);
  if (numbersIn(answer).some((n) => !known.has(n))) return { ok: false, reason: "unsupported_promise" };

  return { ok: true, answer, citedIds };
}
