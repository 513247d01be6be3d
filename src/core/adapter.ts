import type { Address } from "../model/address.ts";
import type { Capabilities } from "../model/capabilities.ts";
import type { InboundEventInput } from "../model/events.ts";
import type { OutboundMessage } from "../model/outbound.ts";
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

/** Where a conversation continued when it had to leave a group for privacy. */
export interface PrivateContinuation {
  /** The private conversation the core should continue in, when the adapter could open one. */
  conversation?: string;
  /** A link the user follows to continue privately (Telegram deep link). */
  link?: string;
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
  send(address: Address, message: OutboundMessage): Promise<void>;
  stop(): Promise<void>;
  health(): ChannelHealth;
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
