import type { Keyv } from "keyv";
import { z } from "zod";
import { outboundMessageSchema } from "../model/outbound.ts";
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

/**
 * Transcript on Keyv: one value per conversation holding its most recent entries. Appends happen
 * inside the conversation's lock, so read-modify-write is safe.
 */
export function createKeyvTranscriptStore(
  keyv: Keyv<TranscriptEntry[]>,
  options: { maxEntries?: number; ttlMs?: number } = {},
): TranscriptStore {
  const maxEntries = options.maxEntries ?? 500;
  return {
    async append(conversation, entry) {
      const entries = (await keyv.get(conversation)) ?? [];
      entries.push(transcriptEntrySchema.parse(entry));
      await keyv.set(conversation, entries.slice(-maxEntries), options.ttlMs);
    },
    async list(conversation) {
      const stored = await keyv.get(conversation);
      return z
        .array(transcriptEntrySchema)
        .catch([])
        .parse(stored ?? []);
    },
    async erase(conversation) {
      await keyv.delete(conversation);
    },
  };
}
