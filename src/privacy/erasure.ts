import type { Keyv } from "keyv";
import type { Logger } from "../core/logger.ts";
import type { TranscriptStore } from "../core/transcript.ts";
import type { UnansweredLog } from "../kb/unanswered-log.ts";
import type { TicketStore } from "../tickets/ticket-store.ts";

/** What an erasure removed, told to the customer and logged (without any of the content). */
export interface ErasureReport {
  conversations: number;
  tickets: number;
  messages: number;
}

export interface ErasureOptions {
  /** `channel:userId` → the conversations that customer had, kept so erasure finds them all. */
  userConversations: Keyv<string[]>;
  state: Keyv<unknown>;
  transcript: TranscriptStore;
  unanswered: UnansweredLog;
  /** Keyv namespaces keyed by conversation that may hold the customer's words (desk threads, hand-offs). */
  byConversation: Keyv<unknown>[];
  /** Per-conversation stores with their own erase (the local desk's threads). */
  erasers?: ((conversation: string) => Promise<void>)[];
  /** Keyv namespaces whose values carry a `userId` (pending private questions). */
  byUserId: Keyv<unknown>[];
  tickets?: TicketStore;
  logger: Logger;
}

export interface Erasure {
  /** Remembers that a customer has a conversation (called on their first turn in it). */
  remember(channel: string, userId: string, conversation: string): Promise<void>;
  /** Erases everything personal about a customer on one channel (GDPR art. 17 / PIPA art. 36). */
  erase(channel: string, userId: string, currentConversation: string): Promise<ErasureReport>;
}

const MAX_REMEMBERED = 1000;

/**
 * Erasure on request: conversation state, transcripts, desk threads, hand-offs, unanswered
 * questions and pending private questions are deleted; tickets are anonymised (ids, categories,
 * timings and ratings stay for metrics). The audit log records that it happened, not what was erased.
 */
export function createErasure(options: ErasureOptions): Erasure {
  const key = (channel: string, userId: string) => `${channel}:${userId}`;
  return {
    async remember(channel, userId, conversation) {
      const known = (await options.userConversations.get(key(channel, userId))) ?? [];
      if (known.includes(conversation)) return;
      await options.userConversations.set(
        key(channel, userId),
        [...known, conversation].slice(-MAX_REMEMBERED),
      );
    },
    async erase(channel, userId, currentConversation) {
      const known = (await options.userConversations.get(key(channel, userId))) ?? [];
      const conversations = [...new Set([...known, currentConversation])];
      for (const conversation of conversations) {
        await options.state.delete(conversation);
        await options.transcript.erase(conversation);
        await options.unanswered.eraseConversation(conversation);
        for (const namespace of options.byConversation) await namespace.delete(conversation);
        for (const erase of options.erasers ?? []) await erase(conversation);
      }
      for (const namespace of options.byUserId) {
        if (!namespace.iterator) continue;
        const doomed: string[] = [];
        for await (const [entryKey, value] of namespace.iterator(undefined)) {
          if ((value as { userId?: unknown } | undefined)?.userId === userId) doomed.push(String(entryKey));
        }
        for (const entryKey of doomed) await namespace.delete(entryKey);
      }
      const anonymised = (await options.tickets?.anonymiseCustomer(channel, userId, {
        actor: "customer",
      })) ?? {
        tickets: 0,
        messages: 0,
      };
      await options.userConversations.delete(key(channel, userId));
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
