import type { TranscriptEntry } from "../core/transcript.ts";
import { faqTrace } from "../kb/faq-trace.ts";

const MAX_LINES = 3;
const MAX_LINE = 240;

/**
 * An extractive summary of a conversation for the desk: up to three of the customer's own lines,
 * preferring long, specific ones (numbers, error words) over greetings, in the order they were said.
 */
export function summarizeTranscript(entries: readonly TranscriptEntry[], latest?: string): string[] {
  const lines = entries
    .filter((entry) => entry.type === "message" && entry.text.trim() !== "")
    .map((entry) => entry.text.trim());
  if (latest && latest.trim() !== "" && lines.at(-1) !== latest.trim()) lines.push(latest.trim());
  const scored = lines.map((text, index) => ({ text, index, score: informativeness(text) }));
  const chosen = scored
    .sort((a, b) => b.score - a.score || b.index - a.index)
    .slice(0, MAX_LINES)
    .sort((a, b) => a.index - b.index);
  return chosen.map(({ text }) => (text.length > MAX_LINE ? `${text.slice(0, MAX_LINE - 1)}…` : text));
}

function informativeness(text: string): number {
  const words = text.split(/\s+/).length;
  const specifics = (text.match(/\d|error|fail|charge|refund|order|환불|결제|오류|주문|안 ?돼/gi) ?? [])
    .length;
  return Math.min(words, 40) + 5 * specifics;
}

/** KB entries the bot answered with in this conversation, most recent last, without repeats. */
export function triedFaqIds(entries: readonly TranscriptEntry[]): string[] {
  const ids = entries.flatMap((entry) => faqTrace.read(entry.trace).faqId ?? []);
  return [...new Set(ids)];
}
