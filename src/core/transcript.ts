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
 * Transcript on Keyv: one key per turn (`<conversation>#<n>`) and a counter key, so appending is
 * O(1) however long the conversation. Appends happen inside the conversation's lock, so the
 * counter's read-modify-write is safe. Only the newest `maxEntries` turns are kept.
 */
export function createKeyvTranscriptStore(
  keyv: Keyv<unknown>,
  options: { maxEntries?: number; ttlMs?: number } = {},
): TranscriptStore {
  const maxEntries = options.maxEntries ?? 500;
  const countKey = (conversation: string) => `${conversation}#count`;
  const entryKey = (conversation: string, n: number) => `${conversation}#${n}`;
  const countOf = async (conversation: string) => {
    const stored = await keyv.get(countKey(conversation));
    return typeof stored === "number" ? stored : 0;
  };
  return {
    async append(conversation, entry) {
      const n = (await countOf(conversation)) + 1;
      await keyv.set(entryKey(conversation, n), transcriptEntrySchema.parse(entry), options.ttlMs);
      await keyv.set(countKey(conversation), n, options.ttlMs);
      if (n > maxEntries) await keyv.delete(entryKey(conversation, n - maxEntries));
    },
    async list(conversation) {
      const count = await countOf(conversation);
      const first = Math.max(1, count - maxEntries + 1);
      const keys = Array.from({ length: count - first + 1 }, (_, i) => entryKey(conversation, first + i));
      if (keys.length === 0) return [];
      const values = await keyv.getMany(keys);
      return values.flatMap((value) => {
        const parsed = transcriptEntrySchema.safeParse(value);
        return parsed.success ? [parsed.data] : [];
      });
    },
    async erase(conversation) {
      const count = await countOf(conversation);
      const keys = Array.from({ length: count }, (_, i) => entryKey(conversation, i + 1));
      if (keys.length > 0) await keyv.deleteMany(keys);
      await keyv.delete(countKey(conversation));
    },
  };
}
