import type { Address } from "../model/address.ts";
import type { Capabilities } from "../model/capabilities.ts";
import type { InboundEventInput } from "../model/events.ts";
import type { OutboundMessage } from "../model/outbound.ts";
import type { HttpContribution } from "./http-contribution.ts";
import type { TurnResult } from "./turn-result.ts";

/** What an adapter may call on the core. */
export interface BotPort {
  handle(event: InboundEventInput): Promise<TurnResult>;
  /**
   * The platform refuses delivery to a conversation for good (the user blocked the bot, left, or
   * deleted the chat). The core records it and stops sending there until the user writes again.
   */
  reportUndeliverable(conversation: string, reason: string): Promise<void>;
}

/**
 * Where one message goes: the conversation's address and, for a reply, the id of the inbound event
 * it answers (the platform's message or interaction id). Proactive sends (a person's reply, a ticket
 * update) have no `inReplyTo`. An adapter may use it to answer through the interaction that started
 * the turn or to quote the message; it never needs it to find the conversation.
 */
export interface DeliveryTarget {
  address: Address;
  inReplyTo?: string;
}

/** Where a conversation continued when it had to leave a group for privacy. */
export interface PrivateContinuation {
  /** The private conversation the core should continue in, when the adapter could open one. */
  conversation?: string;
  /** A link the user follows to continue privately (Telegram deep link). */
  link?: string;
}

/**
 * A message shown while it is still being written (a streamed LLM answer), edited in place as text
 * arrives. Opened by {@link Adapter.openStream} with the first text already visible.
 */
export interface MessageStream {
  /**
   * Shows `text`, the whole text so far (not a delta). Adapters coalesce and throttle edits to the
   * platform's rate limits (the latest text wins), keep it within `maxMessageLength`, and never fail
   * the turn for an intermediate edit: only the final one matters.
   */
  update(text: string): Promise<void>;
  /**
   * The last edit: replaces the text with `final` (text and buttons) once the platform allows
   * another edit. `final` fits `maxMessageLength` (the core splits longer replies and sends the rest
   * as new messages). Failures here are delivery failures, as in `send`.
   */
  finish(final: OutboundMessage): Promise<void>;
}

/** Opens streamed replies on a conversation's channel, for the core (the channel registry is one). */
export interface StreamOpener {
  /** True when the channel can edit messages and its adapter implements `openStream`. */
  canStream(channel: string): boolean;
  /**
   * Sends `initial` and returns the stream; its `finish` fits the final message to the channel.
   * `inReplyTo` is the id of the inbound event the streamed reply answers.
   */
  open(conversation: string, initial: OutboundMessage, inReplyTo?: string): Promise<MessageStream>;
}

/** Health of one channel, shown on `/healthz`. */
export interface ChannelHealth {
  status: "starting" | "up" | "degraded" | "down";
  detail?: string;
}

/**
 * A platform adapter: translates platform events into {@link InboundEventInput}s for the core and
 * renders {@link OutboundMessage}s for the platform. Everything else lives in the core.
 */
export interface Adapter {
  /** Channel name used in addresses (`web`, `telegram`, `discord`, …). */
  readonly channel: string;
  readonly capabilities: Capabilities;
  /** Starts receiving; inbound events go to `bot.handle`. */
  start(bot: BotPort): Promise<void>;
  /** Delivers one message, already split to fit `capabilities.maxMessageLength`. */
  send(target: DeliveryTarget, message: OutboundMessage): Promise<void>;
  stop(): Promise<void>;
  health(): ChannelHealth;
  /**
   * Routes and WebSocket endpoints the adapter serves on the bot's HTTP port (a webhook, the web
   * chat's page and socket). The start-up code mounts them as they are, for every adapter alike.
   */
  readonly http?: HttpContribution;
  /**
   * Sends `initial` and returns a handle to edit that message while a reply is being written.
   * Only adapters whose `capabilities.edits` is true implement it; without it the core sends each
   * reply once, complete.
   */
  openStream?(target: DeliveryTarget, initial: OutboundMessage): Promise<MessageStream>;
  /**
   * Moves a conversation with `userId` somewhere private (a private thread, a DM, a deep link).
   * `token` identifies the pending question; a deep-link adapter passes it back as the `start`
   * command's argument. Absent when the channel has no groups.
   */
  openPrivateConversation?(request: {
    conversation: string;
    userId: string;
    token: string;
  }): Promise<PrivateContinuation>;
}

/** What {@link createThrottledStream} needs from an adapter: its two platform calls. */
export interface ThrottledStreamOptions {
  /** Text already on screen (what `openStream` sent). */
  shown: string;
  /** Least time between two edits of the message (e.g. 700 ms on Telegram and Discord). */
  intervalMs: number;
  /** One intermediate edit to `text`; may truncate it to the platform's limit. */
  edit(text: string): Promise<void>;
  /** The final edit. */
  finish(final: OutboundMessage): Promise<void>;
  /** An intermediate edit failed: log it; the stream goes on and the final edit still comes. */
  onError(error: unknown): void;
}

/**
 * A {@link MessageStream} over an adapter's edit call: one edit at a time, at most one per
 * `intervalMs`, the latest text winning and unchanged text skipped. `finish` waits for the edit in
 * flight and the interval, then makes the final edit; nothing stays scheduled after it.
 */
export function createThrottledStream(options: ThrottledStreamOptions): MessageStream {
  let shown = options.shown;
  let latest = shown;
  let lastEditAt = Date.now();
  let queued: Promise<void> = Promise.resolve();
  let pending = false;
  let finished = false;
  const untilNextEdit = () => pause(lastEditAt + options.intervalMs - Date.now());

  return {
    async update(text) {
      if (finished) return;
      latest = text;
      if (pending) return;
      pending = true;
      queued = queued.then(async () => {
        await untilNextEdit();
        pending = false;
        if (finished || latest === shown) return;
        shown = latest;
        lastEditAt = Date.now();
        await options.edit(shown).catch(options.onError);
      });
    },
    async finish(final) {
      finished = true;
      await queued;
      await untilNextEdit();
      await options.finish(final);
    },
  };
}

function pause(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}
