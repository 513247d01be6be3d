import type { Address } from "../model/address.ts";
import type { Capabilities } from "../model/capabilities.ts";
import type { InboundEventInput } from "../model/events.ts";
import type { OutboundMessage } from "../model/outbound.ts";
import type { TurnResult } from "./turn-result.ts";

/** What an adapter may call on the core. */
export interface BotPort {
  handle(event: InboundEventInput): Promise<TurnResult>;
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
}
