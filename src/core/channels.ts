import { isSupportedLanguage } from "../i18n/languages.ts";
import { decodeAddress } from "../model/address.ts";
import type { Capabilities } from "../model/capabilities.ts";
import type { OutboundMessage } from "../model/outbound.ts";
import { wellFormed, wellFormedDeep } from "../model/well-formed.ts";
import type { Adapter, ChannelHealth, DeliveryTarget, StreamOpener } from "./adapter.ts";
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
  /** Opens streamed replies on channels whose adapter can edit messages. */
  streams: StreamOpener;
  health(): Record<string, ChannelHealth>;
  /**
   * Stops every registered adapter, each exactly once however often it is called (the start-up
   * code stops them before closing the server, the app's `close` after); a failing stop is logged.
   */
  stopAll(): Promise<void>;
}

/**
 * Adapters by channel name. Messages to a channel without an adapter are an error unless
 * `dropUnknown` is set (the replay CLI, which only records replies).
 */
export function createChannelRegistry(options: {
  logger: Logger;
  dropUnknown?: boolean;
  /** Hears each send an adapter failed (metrics); the error still reaches the caller. */
  onSendFailed?: (channel: string, error: unknown) => void;
}): ChannelRegistry {
  const adapters = new Map<string, Adapter>();

  async function send(adapter: Adapter, target: DeliveryTarget, message: OutboundMessage): Promise<void> {
    try {
      await adapter.send(target, message);
    } catch (error) {
      options.onSendFailed?.(adapter.channel, error);
      throw error;
    }
  }
  const stopping = new Map<Adapter, Promise<void>>();

  function stopOnce(adapter: Adapter): Promise<void> {
    let stopped = stopping.get(adapter);
    if (!stopped) {
      stopped = adapter
        .stop()
        .catch((error: unknown) =>
          options.logger.warn({ err: error, channel: adapter.channel }, "adapter did not stop cleanly"),
        );
      stopping.set(adapter, stopped);
    }
    return stopped;
  }

  async function deliver(
    conversation: string,
    messages: OutboundMessage[],
    inReplyTo?: string,
  ): Promise<void> {
    const target = targetOf(conversation, inReplyTo);
    const { address } = target;
    const adapter = adapters.get(address.channel);
    if (!adapter) {
      if (options.dropUnknown) return;
      throw new Error(`No adapter for channel "${address.channel}": cannot deliver to ${conversation}`);
    }
    for (const message of messages) {
      for (const part of fitToChannel(message, adapter)) await send(adapter, target, part);
    }
  }

  const streams: StreamOpener = {
    canStream(channel) {
      const adapter = adapters.get(channel);
      return adapter?.openStream !== undefined && adapter.capabilities.edits;
    },
    async open(conversation, initial, inReplyTo) {
      const target = targetOf(conversation, inReplyTo);
      const { address } = target;
      const adapter = adapters.get(address.channel);
      if (!adapter?.openStream || !adapter.capabilities.edits)
        throw new Error(`Channel "${address.channel}" cannot edit messages: deliver replies instead`);
      // Streamed text (a model's output) is made well-formed like everything else sent.
      const stream = await adapter.openStream(target, wellFormedDeep(initial));
      return {
        update: (text) => stream.update(wellFormed(text)),
        // The streamed message becomes the first part; a reply too long for one message goes on
        // in new messages, its buttons under the last.
        async finish(final) {
          const [first = { text: "" }, ...rest] = fitToChannel(final, adapter);
          await stream.finish(first);
          for (const part of rest) await send(adapter, target, part);
        },
      };
    },
  };

  const registry: ChannelRegistry = {
    register(adapter) {
      if (adapters.has(adapter.channel)) throw new Error(`Channel "${adapter.channel}" is registered twice`);
      adapters.set(adapter.channel, adapter);
    },
    get: (channel) => adapters.get(channel),
    all: () => [...adapters.values()],
    capabilitiesFor: (channel) => adapters.get(channel)?.capabilities ?? FULL_CAPABILITIES,
    deliver,
    streams,
    health: () => Object.fromEntries([...adapters].map(([name, adapter]) => [name, adapter.health()])),
    async stopAll() {
      for (const adapter of adapters.values()) await stopOnce(adapter);
    },
  };
  return registry;
}

function targetOf(conversation: string, inReplyTo: string | undefined): DeliveryTarget {
  const address = decodeAddress(conversation);
  return inReplyTo === undefined ? { address } : { address, inReplyTo };
}

function fitToChannel(message: OutboundMessage, adapter: Adapter): OutboundMessage[] {
  const language = isSupportedLanguage(message.language) ? message.language : "en";
  return adaptToCapabilities(message, adapter.capabilities, language);
}
