import { z } from "zod";
import { type OutboundMessage, outboundMessageSchema } from "../model/outbound.ts";
import { turnTraceSchema } from "./trace.ts";

/** Turns kept per conversation: the oldest are forgotten first. */
export const TRANSCRIPT_MAX_ENTRIES = 500;
/**
 * Characters kept of a turn's text and of each reply's text (a customer message or a reply longer
 * than any channel sends). A longer text is stored cut, ending in "…", and the entry says `cut`.
 */
export const TRANSCRIPT_MAX_TEXT_CHARS = 8_000;
/** Replies kept per turn; more are dropped (the entry says `cut`). */
export const TRANSCRIPT_MAX_REPLIES = 20;

/** One recorded turn: what came in, what the bot understood and did, what went out. */
export const transcriptEntrySchema = z.object({
  at: z.number(),
  eventId: z.string(),
  userId: z.string(),
  displayName: z.string().optional(),
  type: z.enum(["message", "action", "command", "system"]),
  text: z.string(),
  trace: turnTraceSchema,
  replies: z.array(outboundMessageSchema),
  /** True when the text, a reply or the number of replies was cut to the transcript's limits. */
  cut: z.boolean().optional(),
});
export type TranscriptEntry = z.infer<typeof transcriptEntrySchema>;

/** The record of every turn, per conversation, for tickets, hand-offs and metrics. */
export interface TranscriptStore {
  append(conversation: string, entry: TranscriptEntry): Promise<void>;
  list(conversation: string): Promise<TranscriptEntry[]>;
  /** Erases a conversation's record (GDPR/PIPA erasure). */
  erase(conversation: string): Promise<void>;
}

/** `text` cut to `max` characters ending in "…", never splitting a surrogate pair. */
function cutText(text: string, max: number): string {
  let end = max - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}…`;
}

/** The entry as the transcript keeps it: within {@link TRANSCRIPT_MAX_TEXT_CHARS} and {@link TRANSCRIPT_MAX_REPLIES}. */
export function boundTranscriptEntry(entry: TranscriptEntry): TranscriptEntry {
  const max = TRANSCRIPT_MAX_TEXT_CHARS;
  const longReply = (reply: OutboundMessage) => reply.text.length > max;
  if (
    entry.text.length <= max &&
    entry.replies.length <= TRANSCRIPT_MAX_REPLIES &&
    !entry.replies.some(longReply)
  ) {
    return entry;
  }
  return {
    ...entry,
    text: entry.text.length > max ? cutText(entry.text, max) : entry.text,
    replies: entry.replies
      .slice(0, TRANSCRIPT_MAX_REPLIES)
      .map((reply) => (longReply(reply) ? { ...reply, text: cutText(reply.text, max) } : reply)),
    cut: true,
  };
}
