import type { Keyv } from "keyv";
import { z } from "zod";
import { normalizeText } from "./text-features.ts";

export const unansweredRecordSchema = z.object({
  text: z.string(),
  language: z.string(),
  count: z.number().int().positive(),
  firstAt: z.number(),
  lastAt: z.number(),
  /** The nearest KB entries at the time, to show what almost matched. */
  nearest: z.array(z.object({ id: z.string(), score: z.number() })),
  /** Conversations that asked it, so erasure on request can remove their questions. */
  askedIn: z.array(z.string()).default([]),
});
export type UnansweredRecord = z.infer<typeof unansweredRecordSchema>;

/** Questions the bot could not answer, grouped by normalised text, for the FAQ-gap report. */
export interface UnansweredLog {
  record(entry: {
    text: string;
    language: string;
    nearest: { id: string; score: number }[];
    conversation: string;
  }): Promise<void>;
  /** Removes the questions a conversation asked (GDPR/PIPA erasure); returns how many records changed. */
  eraseConversation(conversation: string): Promise<number>;
  /** Most frequent first. */
  list(limit?: number): Promise<UnansweredRecord[]>;
}

const MAX_TEXT = 500;
const MAX_ASKED_IN = 200;

export function createUnansweredLog(keyv: Keyv<UnansweredRecord>): UnansweredLog {
  return {
    async record(entry) {
      const key = normalizeText(entry.text).slice(0, MAX_TEXT);
      if (!key) return;
      const now = Date.now();
      const previous = await keyv.get(key);
      await keyv.set(key, {
        text: entry.text.slice(0, MAX_TEXT),
        language: entry.language,
        count: (previous?.count ?? 0) + 1,
        firstAt: previous?.firstAt ?? now,
        lastAt: now,
        nearest: entry.nearest,
        askedIn: [...new Set([...(previous?.askedIn ?? []), entry.conversation])].slice(-MAX_ASKED_IN),
      });
    },
    async eraseConversation(conversation) {
      let changed = 0;
      if (!keyv.iterator) return changed;
      const affected: [string, UnansweredRecord][] = [];
      for await (const [key, value] of keyv.iterator(undefined)) {
        const parsed = unansweredRecordSchema.safeParse(value);
        if (parsed.success && parsed.data.askedIn.includes(conversation))
          affected.push([String(key), parsed.data]);
      }
      for (const [key, record] of affected) {
        // The question text is the customer's own words: a record only they asked is deleted whole.
        const others = record.askedIn.filter((asked) => asked !== conversation);
        if (others.length === 0) await keyv.delete(key);
        else await keyv.set(key, { ...record, askedIn: others, count: Math.max(1, record.count - 1) });
        changed++;
      }
      return changed;
    },
    async list(limit = 50) {
      const records: UnansweredRecord[] = [];
      if (!keyv.iterator) return records;
      for await (const [, value] of keyv.iterator(undefined)) {
        const parsed = unansweredRecordSchema.safeParse(value);
        if (parsed.success) records.push(parsed.data);
      }
      return records.sort((a, b) => b.count - a.count || b.lastAt - a.lastAt).slice(0, limit);
    },
  };
}
