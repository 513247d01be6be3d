import { isSupportedLanguage } from "../i18n/translate.ts";
import { decodeAddress } from "../model/address.ts";
import type { Capabilities } from "../model/capabilities.ts";
import type { OutboundMessage } from "../model/outbound.ts";
import type { Adapter, ChannelHealth } from "./adapter.ts";
import type { Deliver } from "./bot.ts";
import type { Logger } from "./logger.ts";
import { adaptToCapabilities } from "./outbound-adapt.ts";

/** What a channel nobody registered is assumed to render (replay, tests): everything. */
export const FULL_CAPABILITIES: Capabilities = {
  buttons: true,
  linkButtons: true,
  threads: false,
  edits: false,
  markdown: true,
  maxMessageLength: 4_000,
};

export interface ChannelRegistry {
  register(adapter: Adapter): void;
  get(channel: string): Adapter | undefined;
  all(): Adapter[];
  capabilitiesFor(channel: string): Capabilities;
  /** Fits messages to the channel and sends them in order through its adapter. */
  deliver: Deliver;
  health(): Record<string, ChannelHealth>;
}

/**
 * Adapters by channel name. Messages to a channel without an adapter are an error unless
 * `dropUnknown` is set (the replay CLI, which only records replies).
 */
export function createChannelRegistry(options: { logger: Logger; dropUnknown?: boolean }): ChannelRegistry {
  const adapters = new Map<string, Adapter>();
  const registry: ChannelRegistry = {
    register(adapter) {
      if (adapters.has(adapter.channel)) throw new Error(`Channel "${adapter.channel}" is registered twice`);
      adapters.set(adapter.channel, adapter);
    },
    get: (channel) => adapters.get(channel),
    all: () => [...adapters.values()],
    capabilitiesFor: (channel) => adapters.get(channel)?.capabilities ?? FULL_CAPABILITIES,
    async deliver(conversation: string, messages: OutboundMessage[]) {
      const address = decodeAddress(conversation);
      const adapter = adapters.get(address.channel);
      if (!adapter) {
        if (options.dropUnknown) return;
        throw new Error(`No adapter for channel "${address.channel}": cannot deliver to ${conversation}`);
      }
      for (const message of messages) {
        const language = isSupportedLanguage(message.language) ? message.language : "en";
        for (const part of adaptToCapabilities(message, adapter.capabilities, language)) {
          await adapter.send(address, part);
        }
      }
    },
    health: () => Object.fromEntries([...adapters].map(([name, adapter]) => [name, adapter.health()])),
  };
  return registry;
}
