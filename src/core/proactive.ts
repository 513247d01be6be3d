import type { Keyv } from "keyv";
import { isSupportedLanguage, type SupportedLanguage } from "../i18n/languages.ts";
import { decodeAddress } from "../model/address.ts";
import type { OutboundMessage } from "../model/outbound.ts";
import type { Deliver } from "./bot.ts";
import type { Coordinator } from "./coordinator.ts";
import type { Logger } from "./logger.ts";
import { type ConversationState, parseStoredState } from "./state.ts";
import type { TranscriptStore } from "./transcript.ts";

/** What a task run outside a customer turn (agent reply, ticket update) may do. */
export interface ProactiveContext {
  readonly conversation: string;
  readonly state: ConversationState;
  readonly language: SupportedLanguage;
  reply(message: OutboundMessage | string): void;
}

/** Sends to a customer outside their turns (a person's reply, a ticket update). */
export interface ProactivePort {
  /**
   * Runs `task` for a conversation outside a customer turn — a person's reply, a ticket update —
   * under the conversation's lock, with its state loaded and saved and the replies delivered and
   * recorded in the transcript (`source` says who acted). Resolves with what was sent.
   */
  proactive(
    conversation: string,
    source: string,
    task: (ctx: ProactiveContext) => Promise<void> | void,
  ): Promise<OutboundMessage[]>;
}

/** The core's sends outside customer turns, and what it records when a channel refuses for good. */
export interface Proactive extends ProactivePort {
  /** See `BotPort.reportUndeliverable`. */
  reportUndeliverable(conversation: string, reason: string): Promise<void>;
}

export interface ProactiveOptions {
  state: Keyv<ConversationState>;
  transcript: TranscriptStore;
  coordinator: Coordinator;
  /** Proactive sends pass no `inReplyTo`: they answer no inbound event. */
  deliver: Deliver;
  defaultLanguage: SupportedLanguage;
  logger: Logger;
  stateTtlMs?: number;
}

/**
 * Creates the proactive side of the core. It needs only the stores, the conversation lines and the
 * channels, so the app builds it before the services that send proactively (hand-off, tickets)
 * and before the bot, which uses the same one: no service waits for the bot to exist.
 */
export function createProactive(options: ProactiveOptions): Proactive {
  async function runProactive(
    conversation: string,
    source: string,
    task: (ctx: ProactiveContext) => Promise<void> | void,
  ): Promise<OutboundMessage[]> {
    decodeAddress(conversation);
    const { state } = parseStoredState(await options.state.get(conversation));
    // Compared after the task: a task that changed nothing (the lease sweep, every minute, for every
    // conversation a person owns) must neither write the state nor add a transcript entry, or real
    // history is evicted from the capped transcript within hours.
    const before = JSON.stringify(state);
    const language: SupportedLanguage = isSupportedLanguage(state.language)
      ? state.language
      : options.defaultLanguage;
    const replies: OutboundMessage[] = [];
    await task({
      conversation,
      state,
      language,
      reply(message) {
        replies.push(typeof message === "string" ? { text: message, language } : { language, ...message });
      },
    });
    const offered = replies.flatMap((reply) => reply.buttons ?? []).filter((b) => b.kind === "action");
    if (offered.length > 0) state.offeredButtons = offered;
    if (replies.length === 0) {
      if (JSON.stringify(state) !== before) {
        state.updatedAt = Date.now();
        await options.state.set(conversation, state, options.stateTtlMs);
      }
      return replies;
    }
    state.updatedAt = Date.now();
    await options.state.set(conversation, state, options.stateTtlMs);
    await options.transcript.append(conversation, {
      at: Date.now(),
      eventId: `proactive:${source}:${Date.now()}`,
      userId: source,
      type: "system",
      text: "",
      trace: {},
      replies,
    });
    if (state.unreachable) {
      options.logger.warn(
        { conversation, reason: state.unreachable.reason },
        "not sent: the conversation is unreachable",
      );
      return [];
    }
    await options.deliver(conversation, replies);
    return replies;
  }

  return {
    reportUndeliverable(conversation, reason) {
      return options.coordinator.runExclusive(conversation, async () => {
        const { state } = parseStoredState(await options.state.get(conversation));
        state.unreachable = { at: Date.now(), reason };
        await options.state.set(conversation, state, options.stateTtlMs);
        options.logger.warn({ conversation, reason }, "conversation marked unreachable");
      });
    },
    proactive(conversation, source, task) {
      return options.coordinator.runExclusive(conversation, () => runProactive(conversation, source, task));
    },
  };
}
