import { createHash } from "node:crypto";
import { z } from "zod";
import type { TurnResult } from "../core/turn-result.ts";
import { escalationTrace } from "../handoff/escalation-trace.ts";
import { faqTrace } from "../kb/faq-trace.ts";
import { channelOf } from "../metrics/bot-metrics.ts";

/** What /insights keeps of one processed turn: what was understood and done, never the text. */
export const turnFactSchema = z.object({
  /** A one-way digest of the conversation address: counts conversations, names nobody. */
  conversation: z.string(),
  channel: z.string(),
  language: z.string(),
  action: z.string().nullable(),
  intent: z.string().nullable(),
  sentiment: z.string().nullable(),
  faqId: z.string().nullable(),
  escalationReason: z.string().nullable(),
  at: z.number(),
});
export type TurnFact = z.infer<typeof turnFactSchema>;

/** The digest stored for a conversation address (also what tests use to link tickets to turns). */
export function conversationDigest(address: string): string {
  return createHash("sha256").update(address).digest("base64url").slice(0, 22);
}

/** The fact of a turn, or undefined for a duplicate delivery or a refused event (nothing happened). */
export function turnFactOf(result: TurnResult, at: number): TurnFact | undefined {
  if (result.duplicate || result.refused) return undefined;
  const { trace } = result;
  return {
    conversation: conversationDigest(result.conversation),
    channel: channelOf(result.conversation),
    language: trace.language ?? "unknown",
    action: trace.action ?? null,
    intent: trace.intent?.name ?? null,
    sentiment: trace.sentiment?.label ?? null,
    faqId: faqTrace.read(trace).faqId ?? null,
    escalationReason: escalationTrace.read(trace).escalationReason ?? null,
    at,
  };
}
