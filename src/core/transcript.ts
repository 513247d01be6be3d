import type { Keyv } from "keyv";
import { z } from "zod";
import { outboundMessageSchema } from "../model/outbound.ts";
import { createKeyvList } from "../store/keyv-list.ts";
import { turnTraceSchema } from "./trace.ts";

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
});
export type TranscriptEntry = z.infer<typeof transcriptEntrySchema>;

/** The record of every turn, per conversation, for tickets, hand-offs and metrics. */
export interface TranscriptStore {
  append(conversation: string, entry: TranscriptEntry): Promise<void>;
  list(conversation: string): Promise<TranscriptEntry[]>;
  /** Erases a conversation's record (GDPR/PIPA erasure). */
  erase(conversation: string): Promise<void>;
}

/** Transcript on Keyv: a {@link createKeyvList} of entries per conversation (O(1) appends). */
export function createKeyvTranscriptStore(
  keyv: Keyv<unknown>,
  options: { maxEntries?: number; ttlMs?: number } = {},
): TranscriptStore {
  const list = createKeyvList(keyv, transcriptEntrySchema, {
    maxItems: options.maxEntries ?? 500,
    ...(options.ttlMs === undefined ? {} : { ttlMs: options.ttlMs }),
  });
  return { append: list.append, list: list.list, erase: list.erase };
}
