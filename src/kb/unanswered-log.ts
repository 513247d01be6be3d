import type { Keyv } from "keyv";
import { z } from "zod";
import { createKeyvList } from "../store/keyv-list.ts";
import { normalizeText } from "./normalize-text.ts";

/** One unanswered question as one conversation asked it. */
export const askedQuestionSchema = z.object({
  /** The normalised text: the same question asked differently is grouped under it. */
  key: z.string(),
  text: z.string(),
  language: z.string(),
  at: z.number(),
  /** The nearest KB entries at the time, to show what almost matched. */
  nearest: z.array(z.object({ id: z.string(), score: z.number() })),
  /** How many askings this stands for: 1, more only for records carried over from the old layout. */
  count: z.number().int().positive().default(1),
  /** `clarified`: the bot offered entries to choose from rather than answer (a gap too, a smaller one). */
  outcome: z.enum(["unanswered", "clarified"]).default("unanswered"),
});

/** A question of the FAQ-gap report: every asking of one normalised text, summed up. */
export const unansweredRecordSchema = z.object({
  text: z.string(),
  language: z.string(),
  count: z.number().int().positive(),
  firstAt: z.number(),
  lastAt: z.number(),
  nearest: z.array(z.object({ id: z.string(), score: z.number() })),
  /** Conversations that asked it. */
  askedIn: z.array(z.string()).default([]),
  /** Of `count`, the askings the bot answered with a choice of entries instead of an answer. */
  clarified: z.number().int().min(0).default(0),
});
export type UnansweredRecord = z.infer<typeof unansweredRecordSchema>;

/** Questions the bot could not answer, grouped by normalised text, for the FAQ-gap report. */
export interface UnansweredLog {
  /** Records a question; call it inside the conversation's turn (appends to one conversation are serialised). */
  record(entry: {
    text: string;
    language: string;
    nearest: { id: string; score: number }[];
    conversation: string;
    /** When it was asked; now by default. */
    at?: number;
    /** How many askings the entry stands for: 1 by default (more for carried-over records). */
    count?: number;
    /** `clarified` when the bot offered a choice of entries; `unanswered` by default. */
    outcome?: "unanswered" | "clarified";
  }): Promise<void>;
  /** Removes the questions a conversation asked (GDPR/PIPA erasure); returns how many there were. */
  eraseConversation(conversation: string): Promise<number>;
  /** Most frequent first. Reads the whole log: for the report, not for a customer's turn. */
  list(limit?: number): Promise<UnansweredRecord[]>;
}

/** The Keyv namespace of the log (the old shared-record layout lived in `unanswered`). */
export const UNANSWERED_NAMESPACE = "unanswered-asked";

const MAX_TEXT = 500;
/** Per conversation, the newest questions kept: a conversation cannot fill the log on its own. */
const MAX_PER_CONVERSATION = 100;

/**
 * The log, stored per conversation rather than per question: each asking is its own record under
 * its conversation, with the conversation's retention (`ttlMs`, refreshed as it asks). So erasure is
 * a keyed delete whose cost does not grow with the log, and two people asking the same question at
 * once write different records — no count is lost. The report groups them when it is read.
 */
export function createUnansweredLog(keyv: Keyv<unknown>, options: { ttlMs?: number } = {}): UnansweredLog {
  const asked = createKeyvList(keyv, askedQuestionSchema, {
    maxItems: MAX_PER_CONVERSATION,
    ...(options.ttlMs === undefined ? {} : { ttlMs: options.ttlMs }),
  });
  return {
    async record(entry) {
      const key = normalizeText(entry.text).slice(0, MAX_TEXT);
      if (!key) return;
      await asked.append(entry.conversation, {
        key,
        text: entry.text.slice(0, MAX_TEXT),
        language: entry.language,
        at: entry.at ?? Date.now(),
        nearest: entry.nearest,
        count: entry.count ?? 1,
        outcome: entry.outcome ?? "unanswered",
      });
    },
    async eraseConversation(conversation) {
      const questions = await asked.list(conversation);
      await asked.erase(conversation);
      return questions.length;
    },
    async list(limit = 50) {
      const groups = new Map<string, { record: UnansweredRecord; askedIn: Set<string> }>();
      for await (const { key: conversation, item } of asked.entries()) {
        const group = groups.get(item.key);
        if (!group) {
          const record = {
            text: item.text,
            language: item.language,
            count: item.count,
            firstAt: item.at,
            lastAt: item.at,
            nearest: item.nearest,
            askedIn: [],
            clarified: item.outcome === "clarified" ? item.count : 0,
          };
          groups.set(item.key, { record, askedIn: new Set([conversation]) });
          continue;
        }
        const { record } = group;
        record.count += item.count;
        if (item.outcome === "clarified") record.clarified += item.count;
        record.firstAt = Math.min(record.firstAt, item.at);
        if (item.at >= record.lastAt) {
          // The latest wording, language and nearest entries describe the question best.
          Object.assign(record, { lastAt: item.at, text: item.text, language: item.language });
          record.nearest = item.nearest;
        }
        group.askedIn.add(conversation);
      }
      return [...groups.values()]
        .map(({ record, askedIn }) => ({ ...record, askedIn: [...askedIn] }))
        .sort((a, b) => b.count - a.count || b.lastAt - a.lastAt)
        .slice(0, limit);
    },
  };
}
