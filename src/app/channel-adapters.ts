import { createBotFrameworkAdapter } from "../../adapters/channels/bot-framework/bot-framework-adapter.ts";
import { botFrameworkOptionsFromConfig } from "../../adapters/channels/bot-framework/bot-framework-config.ts";
import {
  REFERENCES_NAMESPACE,
  type StoredReference,
} from "../../adapters/channels/bot-framework/conversation-references.ts";
import { createDiscordAdapter } from "../../adapters/channels/discord/discord-adapter.ts";
import { discordOptionsFromConfig } from "../../adapters/channels/discord/discord-config.ts";
import { createTelegramAdapter } from "../../adapters/channels/telegram/telegram-adapter.ts";
import { telegramOptionsFromConfig } from "../../adapters/channels/telegram/telegram-config.ts";
import { createWebAdapter } from "../../adapters/channels/web/web-adapter.ts";
import type { Adapter } from "../core/adapter.ts";
import type { Logger } from "../core/logger.ts";
import type { Pushes } from "../core/pushes.ts";
import type { TranscriptStore } from "../core/transcript.ts";
import type { KeyvFactory } from "../store/create-keyv.ts";
import type { Config } from "./config.ts";

/**
 * The customer channels `npm start` runs: the web chat always, and every platform whose
 * credentials are configured. What each serves over HTTP travels on its `http` contribution.
 */
export function createChannelAdapters(
  config: Config,
  deps: {
    logger: Logger;
    transcript: TranscriptStore;
    stores: KeyvFactory;
    pushes?: Pushes;
    /** Hears each platform call an adapter retries (metrics). */
    onSendRetry?: (channel: string) => void;
  },
): Adapter[] {
  const adapters: Adapter[] = [
    createWebAdapter({
      logger: deps.logger,
      transcript: deps.transcript,
      ...(deps.pushes ? { pushes: deps.pushes } : {}),
    }),
  ];
  const telegram = telegramOptionsFromConfig(config);
  if (telegram) adapters.push(createTelegramAdapter({ ...telegram, logger: deps.logger }));
  const discord = discordOptionsFromConfig(config);
  const { onSendRetry } = deps;
  if (discord)
    adapters.push(
      createDiscordAdapter({
        ...discord,
        logger: deps.logger,
        ...(onSendRetry ? { retry: { onRetry: () => onSendRetry("discord") } } : {}),
      }),
    );
  const botFramework = botFrameworkOptionsFromConfig(config);
  if (botFramework) {
    // Conversation references live as long as conversation state: proactive replies survive restarts.
    const references = deps.stores.namespace<StoredReference>(REFERENCES_NAMESPACE);
    const ttlMs = config.STATE_TTL_DAYS * 86_400_000;
    adapters.push(
      createBotFrameworkAdapter({
        credentials: botFramework,
        logger: deps.logger,
        references: {
          get: (conversation) => references.get(conversation),
          set: (conversation, reference) => references.set(conversation, reference, ttlMs),
        },
      }),
    );
  }
  return adapters;
}
