import type { Keyv } from "keyv";
import { z } from "zod";
import type { UnansweredLog } from "./unanswered-log.ts";

/** A record of the old layout: one shared record per question, mutated by every asking. */
const legacyRecordSchema = z.object({
  text: z.string(),
  language: z.string(),
  count: z.number().int().positive(),
  lastAt: z.number(),
  nearest: z.array(z.object({ id: z.string(), score: z.number() })),
  askedIn: z.array(z.string()).default([]),
});

/** Where questions recorded before conversations were tracked go: they expire, nobody can ask to erase them. */
export const UNATTRIBUTED_CONVERSATION = "legacy:unattributed";

/**
 * Moves the records of the old layout (namespace `unanswered`: one record per question, no expiry,
 * found only by scanning the log) into the per-conversation log, then deletes them, so they too
 * expire and are erased on request. Cheap once done: the old namespace is empty afterwards.
 * Returns how many old records were moved.
 */
export async function migrateLegacyUnanswered(legacy: Keyv<unknown>, log: UnansweredLog): Promise<number> {
  if (!legacy.iterator) return 0;
  const found: [string, z.infer<typeof legacyRecordSchema> | undefined][] = [];
  for await (const [key, value] of legacy.iterator(undefined)) {
    const parsed = legacyRecordSchema.safeParse(value);
    found.push([String(key), parsed.success ? parsed.data : undefined]);
  }
  for (const [key, record] of found) {
    if (record) {
      const conversations = record.askedIn.length > 0 ? record.askedIn : [UNATTRIBUTED_CONVERSATION];
      // Each conversation that asked keeps one asking; whatever the count says beyond that stays with the first.
      for (const [index, conversation] of conversations.entries()) {
        const extra = index === 0 ? Math.max(0, record.count - conversations.length) : 0;
        await log.record({
          text: record.text,
          language: record.language,
          nearest: record.nearest,
          conversation,
          at: record.lastAt,
          count: 1 + extra,
        });
      }
    }
    await legacy.delete(key);
  }
  return found.length;
}
