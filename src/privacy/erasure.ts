import type { Keyv } from "keyv";
import { z } from "zod";
import type { Logger } from "../core/logger.ts";
import type { TranscriptStore } from "../core/transcript.ts";
import type { TicketAnonymiser, UnansweredEraser } from "./erasure-ports.ts";

/** What an erasure removed, told to the customer and logged (without any of the content). */
export interface ErasureReport {
  conversations: number;
  tickets: number;
  messages: number;
}

/**
 * A store that keeps traces of deleted records beyond the records themselves (a write-ahead log,
 * free pages) and can remove them: called once an erasure has deleted everything.
 */
export interface ErasureCompaction {
  compactAfterErasure(): Promise<void>;
}

export interface ErasureOptions {
  /** `channel:userId` → the conversations that customer had, kept so erasure finds them all. */
  userConversations: Keyv<unknown>;
  /**
   * How long a conversation is kept when idle (`STATE_TTL_DAYS`): the index of a customer's
   * conversations expires with them. Without it the index never expires.
   */
  ttlMs?: number;
  state: Keyv<unknown>;
  transcript: TranscriptStore;
  unanswered: UnansweredEraser;
  /** Keyv namespaces keyed by conversation that may hold the customer's words (desk threads, hand-offs). */
  byConversation: Keyv<unknown>[];
  /** Per-conversation stores with their own erase (the local desk's threads). */
  erasers?: ((conversation: string) => Promise<void>)[];
  /** Keyv namespaces whose values carry a `userId` and a `from` conversation (pending private questions). */
  byUserId: Keyv<unknown>[];
  /** Keyv namespaces keyed by `channel:userId` (a customer's preferences, such as "stop asking me"). */
  byCustomer?: Keyv<unknown>[];
  /** The ticket system: its tickets are anonymised, not deleted (ids, timings and ratings stay for metrics). */
  tickets?: TicketAnonymiser;
  /** Stores to compact once everything is deleted (the SQLite files: their write-ahead logs). */
  compaction?: ErasureCompaction[];
  logger: Logger;
  now?: () => number;
}

export interface Erasure {
  /**
   * Remembers that a customer has a conversation; call it on each of their turns (it writes only
   * for a new conversation, or now and then to keep the index alive as long as the conversations).
   */
  remember(channel: string, userId: string, conversation: string): Promise<void>;
  /** Erases everything personal about a customer on one channel (GDPR art. 17 / PIPA art. 36). */
  erase(channel: string, userId: string, currentConversation: string): Promise<ErasureReport>;
}

const MAX_REMEMBERED = 1000;
/** How often, at most, a customer's index is rewritten only to push its expiry back. */
const MAX_REFRESH_MS = 24 * 3600 * 1000;

const indexSchema = z.union([
  z.object({ conversations: z.array(z.string()), refreshedAt: z.number() }),
  // Written before the index had an expiry: refreshed (and given one) on the customer's next turn.
  z.array(z.string()).transform((conversations) => ({ conversations, refreshedAt: 0 })),
]);

/**
 * Erasure on request: conversation state, transcripts, desk threads, hand-offs, unanswered
 * questions and pending private questions are deleted; tickets are anonymised (ids, categories,
 * timings and ratings stay for metrics); then the stores drop what they kept of the deleted rows.
 * The audit log records that it happened, not what was erased.
 */
export function createErasure(options: ErasureOptions): Erasure {
  const now = options.now ?? Date.now;
  const key = (channel: string, userId: string) => `${channel}:${userId}`;
  const refreshMs = options.ttlMs === undefined ? undefined : Math.min(MAX_REFRESH_MS, options.ttlMs / 10);
  // The index outlives the conversations it lists by at most one refresh interval.
  const indexTtlMs =
    options.ttlMs === undefined || refreshMs === undefined ? undefined : options.ttlMs + refreshMs;

  async function known(channel: string, userId: string) {
    const parsed = indexSchema.safeParse(await options.userConversations.get(key(channel, userId)));
    return parsed.success ? parsed.data : undefined;
  }

  async function compact(): Promise<void> {
    for (const store of options.compaction ?? []) {
      // The records are gone already; a log that could not be truncated now is at the next erasure.
      await store
        .compactAfterErasure()
        .catch((error: unknown) => options.logger.warn({ err: error }, "compaction after erasure failed"));
    }
  }

  return {
    async remember(channel, userId, conversation) {
      const index = await known(channel, userId);
      const listed = index?.conversations.includes(conversation) ?? false;
      const fresh = index !== undefined && (refreshMs === undefined || now() - index.refreshedAt < refreshMs);
      if (listed && fresh) return;
      const conversations = listed
        ? (index?.conversations ?? [])
        : [...(index?.conversations ?? []), conversation];
      await options.userConversations.set(
        key(channel, userId),
        { conversations: conversations.slice(-MAX_REMEMBERED), refreshedAt: now() },
        indexTtlMs,
      );
    },
    async erase(channel, userId, currentConversation) {
      const conversations = [
        ...new Set([...((await known(channel, userId))?.conversations ?? []), currentConversation]),
      ];
      for (const conversation of conversations) {
        await options.state.delete(conversation);
        await options.transcript.erase(conversation);
        await options.unanswered.eraseConversation(conversation);
        for (const namespace of options.byConversation) await namespace.delete(conversation);
        for (const erase of options.erasers ?? []) await erase(conversation);
      }
      // Pending private questions live a day at most, so scanning them stays small.
      for (const namespace of options.byUserId) {
        if (!namespace.iterator) continue;
        const doomed: string[] = [];
        for await (const [entryKey, value] of namespace.iterator(undefined)) {
          const entry = value as { userId?: unknown; from?: unknown } | undefined;
          const sameChannel = typeof entry?.from !== "string" || entry.from.startsWith(`${channel}:`);
          if (entry?.userId === userId && sameChannel) doomed.push(String(entryKey));
        }
        for (const entryKey of doomed) await namespace.delete(entryKey);
      }
      for (const namespace of options.byCustomer ?? []) await namespace.delete(key(channel, userId));
      const anonymised = (await options.tickets?.anonymiseCustomer(channel, userId, {
        actor: "customer",
      })) ?? {
        tickets: 0,
        messages: 0,
      };
      await options.userConversations.delete(key(channel, userId));
      await compact();
      const report = {
        conversations: conversations.length,
        tickets: anonymised.tickets,
        messages: anonymised.messages,
      };
      options.logger.info({ channel, ...report }, "customer data erased on request");
      return report;
    },
  };
}
