import { Client, GatewayIntentBits, Options } from "discord.js";

/**
 * The gateway intents the adapter subscribes to, and nothing more:
 * - `Guilds`: channels, threads and roles of the servers (to address threads and find their parent);
 * - `GuildMessages`: messages in server channels and threads;
 * - `DirectMessages`: DMs to the bot;
 * - `MessageContent` (privileged, optional): the text of messages that do not mention the bot,
 *   i.e. questions asked in support channels and their threads. DMs, mentions of the bot and slash
 *   commands carry their text without it.
 *
 * @see https://discord.com/developers/docs/events/gateway#gateway-intents
 * @see https://discord.com/developers/docs/events/gateway#message-content-intent
 */
export function discordIntents(messageContent: boolean): number {
  return (
    GatewayIntentBits.Guilds |
    GatewayIntentBits.GuildMessages |
    GatewayIntentBits.DirectMessages |
    (messageContent ? GatewayIntentBits.MessageContent : 0)
  );
}

/**
 * A discord.js client for the adapter. The gateway URL is not configured: discord.js asks the REST
 * API (`GET {apiUrl}/v10/gateway/bot`) for it at login and resumes at the `resume_gateway_url` of
 * READY, so pointing `apiUrl` at another server moves both REST and gateway there.
 *
 * REST retries are off here because `withRetry` retries with back-off and message nonces, which
 * discord.js's immediate 5xx retry does not; 429s are still queued and waited out by discord.js.
 *
 * @see https://discord.com/developers/docs/events/gateway#get-gateway-bot
 */
export function createDiscordClient(options: { apiUrl: string; messageContent: boolean }): Client {
  return new Client({
    intents: discordIntents(options.messageContent),
    rest: { api: options.apiUrl, retries: 0 },
    // Defence in depth for anything sent through discord.js structures rather than our REST calls.
    allowedMentions: { parse: [] },
    // The adapter reads raw gateway payloads; it needs channels and threads cached, not messages.
    makeCache: Options.cacheWithLimits({
      ...Options.DefaultMakeCacheSettings,
      MessageManager: 0,
      PresenceManager: 0,
      ReactionManager: 0,
    }),
  });
}
