import type { TranscriptEntry } from "../core/transcript.ts";
import { maskPii } from "../privacy/staff-mask.ts";
import { INTENT_TICKET_CATEGORY } from "./intent-category.ts";

/** What the customer asked across a conversation, as a hand-off ticket files it. */
export interface ConversationCase {
  /** The customer's most specific line (numbers, error words, length): the ticket's subject. */
  subject: string;
  /** Every line the customer wrote about their problem, oldest first. */
  description: string;
  /** The latest intent that names a ticket category (a refund request, a bug report), if any. */
  intent: string | undefined;
  /** The subject with personal data masked, for searching the FAQ for a category; empty when nothing was described. */
  searchText: string;
}

/** Requests for a person and bare greetings say nothing about the problem. */
const NOT_THE_PROBLEM = new Set(["human_request", "greeting", "thanks", "goodbye"]);

function specificity(text: string): number {
  const words = text.split(/\s+/).length;
  const specifics = (
    text.match(/\d|error|fail|crash|charge|refund|order|import|export|환불|결제|오류|주문|안 ?돼/gi) ?? []
  ).length;
  return Math.min(words, 40) + 5 * specifics;
}

/**
 * The case behind a hand-off, read from the whole conversation rather than its last message ("I want
 * a person" says nothing about an import failure three turns earlier). `latest` is the message being
 * handled now (not yet in the transcript), with its intent.
 */
export function conversationCase(
  entries: readonly TranscriptEntry[],
  latest: { text: string; intent?: string | undefined },
  fallback: string,
): ConversationCase {
  const said = [
    ...entries
      .filter((entry) => entry.type === "message")
      .map((entry) => ({ text: entry.text.trim(), intent: entry.trace.intent?.name })),
    { text: latest.text.trim(), intent: latest.intent },
  ].filter(
    (line) => line.text !== "" && !line.text.startsWith("/") && !NOT_THE_PROBLEM.has(line.intent ?? ""),
  );
  const unique = said.filter((line, index) => said.findIndex((other) => other.text === line.text) === index);
  const best = unique.reduce<(typeof unique)[number] | undefined>(
    (top, line) => (top === undefined || specificity(line.text) >= specificity(top.text) ? line : top),
    undefined,
  );
  const intent = [...said]
    .reverse()
    .find((line) => line.intent && INTENT_TICKET_CATEGORY[line.intent])?.intent;
  const subject = best?.text ?? fallback;
  return {
    subject,
    description: unique.length > 0 ? unique.map((line) => line.text).join("\n") : fallback,
    intent: intent ?? latest.intent,
    searchText: best ? maskPii(best.text) : "",
  };
}
