import { once } from "node:events";
import { setTimeout as sleep } from "node:timers/promises";
import { ChannelType, type Client, DiscordjsErrorCodes, Events, GatewayDispatchEvents } from "discord.js";
import type { Adapter, BotPort } from "../../../src/core/adapter.ts";
import type { Logger } from "../../../src/core/logger.ts";
import type { Capabilities } from "../../../src/model/capabilities.ts";
import { ConfigError, EventError, NetworkError } from "../../../src/model/errors.ts";
import type { InboundEventInput } from "../../../src/model/events.ts";
import { type ChannelInfo, createChannelResolver, isThreadType } from "./channel-resolver.ts";
import { createComponentCodec } from "./component-codec.ts";
import { createDiscordApi } from "./discord-api.ts";
import { createDiscordClient } from "./discord-client.ts";
import { messageToEvent, type TriggerContext } from "./discord-events.ts";
import { handleInteraction } from "./discord-interactions.ts";
import { gatewayInteractionSchema, gatewayMessageSchema } from "./discord-payloads.ts";
import { createDiscordSender } from "./discord-sender.ts";
import { trackGatewayHealth } from "./gateway-health.ts";
import { OwnThreads, openPrivateConversation } from "./private-threads.ts";
import type { RetryOptions } from "./send-with-retry.ts";
import { createTurnRoutes, type MessageRoute } from "./turn-routes.ts";

export const DISCORD_CAPABILITIES: Capabilities = {
  buttons: true,
  linkButtons: true,
  threads: true,
  edits: true,
  markdown: true,
  cards: true,
  maxMessageLength: 2_000,
};

export interface DiscordAdapterOptions {
  token: string;
  logger: Logger;
  /** REST base, default `https://discord.com/api`; the gateway URL is discovered from it. */
  apiUrl?: string;
  supportChannelIds?: readonly string[];
  staffRoleId?: string;
  /** Subscribe to the MessageContent intent (default true); without it support channels hear only mentions. */
  messageContent?: boolean;
  /** Retries of failed REST calls (default 3 attempts, 500 ms back-off). */
  retry?: RetryOptions;
  /** How long `stop()` waits for turns in progress (default 5 s). */
  drainTimeoutMs?: number;
  /** Least time between two edits of a streamed reply (default 700 ms). */
  streamIntervalMs?: number;
}

export interface DiscordAdapter extends Adapter {
  /** The discord.js client (for diagnostics; the adapter owns its lifecycle). */
  readonly client: Client;
}

/**
 * The Discord channel: a discord.js gateway client whose raw `MESSAGE_CREATE` and
 * `INTERACTION_CREATE` dispatches become neutral events, and REST calls that deliver the core's
 * replies. Conversations are `discord:<channel>` or `discord:<parent>:<thread>`.
 *
 * Raw dispatches are used rather than discord.js's `messageCreate` because discord.js drops
 * messages from channels it has not cached; here an unknown thread is looked up instead.
 *
 * @see https://discord.com/developers/docs/events/gateway-events#receive-events
 */
export function createDiscordAdapter(options: DiscordAdapterOptions): DiscordAdapter {
  const log = options.logger.child({ component: "discord" });
  const messageContent = options.messageContent ?? true;
  const client = createDiscordClient({ apiUrl: options.apiUrl ?? "https://discord.com/api", messageContent });
  const api = createDiscordApi(client.rest, options.retry);
  const codec = createComponentCodec();
  const routes = createTurnRoutes();
  const channels = createChannelResolver(client, api);
  const health = trackGatewayHealth(client, log);
  const ownThreads = new OwnThreads();
  const supportChannelIds = new Set(options.supportChannelIds ?? []);
  const inflight = new Set<Promise<unknown>>();
  let bot: BotPort | undefined;
  let stopped = false;

  function track(work: Promise<unknown>): void {
    inflight.add(work);
    void work.finally(() => inflight.delete(work));
  }

  const sender = createDiscordSender({
    api,
    codec,
    routes,
    streamIntervalMs: options.streamIntervalMs ?? 700,
    logger: log,
    onUndeliverable(conversation, reason) {
      void bot
        ?.reportUndeliverable(conversation, reason)
        .catch((error: unknown) => log.error({ err: error, conversation }, "could not record undeliverable"));
    },
  });

  async function dispatch(event: InboundEventInput, route: MessageRoute): Promise<void> {
    if (!bot) return;
    // The core answers with the message's id as `inReplyTo`: the replies find the route by it.
    const close = routes.open(event.id, route);
    try {
      await bot.handle(event);
    } catch (error) {
      if (error instanceof EventError) log.warn({ err: error, event: event.id }, "Discord event rejected");
      else
        log.error({ err: error, event: event.id, conversation: event.conversation }, "Discord turn failed");
    } finally {
      close();
    }
  }

  function triggerContext(botUserId: string): TriggerContext {
    return {
      botUserId,
      supportChannelIds,
      ownThreads,
      ...(options.staffRoleId ? { staffRoleId: options.staffRoleId } : {}),
    };
  }

  async function onMessage(data: unknown): Promise<void> {
    const parsed = gatewayMessageSchema.safeParse(data);
    const botUserId = client.user?.id;
    if (!parsed.success || !botUserId) {
      if (!parsed.success) log.warn({ issues: parsed.error.issues }, "unreadable MESSAGE_CREATE ignored");
      return;
    }
    const message = parsed.data;
    if (message.author.bot || message.author.id === botUserId) return;
    // A lookup can take a request: messages of one channel wait on the same lookup, in arrival
    // order, and reach the core (whose per-conversation line orders them) in that order.
    const channel: ChannelInfo =
      message.guild_id === undefined
        ? { id: message.channel_id, type: ChannelType.DM }
        : await channels.resolve(message.channel_id);
    const event = messageToEvent(message, channel, triggerContext(botUserId), data);
    if (!event) return;
    const quote = message.guild_id !== undefined && !isThreadType(channel.type);
    const route: MessageRoute = {
      kind: "message",
      conversation: event.conversation,
      sent: 0,
      ...(quote ? { replyTo: message.id } : {}),
    };
    track(dispatch(event, route));
  }

  async function onInteraction(data: unknown): Promise<void> {
    const parsed = gatewayInteractionSchema.safeParse(data);
    if (!parsed.success) {
      log.warn({ issues: parsed.error.issues }, "unreadable INTERACTION_CREATE ignored");
      return;
    }
    if (!bot) return;
    await handleInteraction(parsed.data, data, { api, codec, routes, bot, log });
  }

  client.ws.on(GatewayDispatchEvents.MessageCreate, (data: unknown) => {
    track(
      onMessage(data).catch((error: unknown) => log.error({ err: error }, "Discord message not handled")),
    );
  });
  client.ws.on(GatewayDispatchEvents.InteractionCreate, (data: unknown) => {
    track(
      onInteraction(data).catch((error: unknown) => log.error({ err: error }, "Discord interaction failed")),
    );
  });

  async function login(): Promise<void> {
    const abort = new AbortController();
    const ready = once(client, Events.ClientReady, { signal: abort.signal });
    // Rejected by abort() when login fails; that outcome is reported by the login error instead.
    ready.catch(() => undefined);
    try {
      await client.login(options.token);
      await ready;
    } catch (error) {
      abort.abort();
      throw explainLoginError(error);
    }
  }

  return {
    channel: "discord",
    capabilities: DISCORD_CAPABILITIES,
    client,
    async start(port) {
      bot = port;
      if (!messageContent && supportChannelIds.size > 0) {
        log.warn(
          "DISCORD_MESSAGE_CONTENT=false: support channels only hear messages that mention the bot or reply to it",
        );
      }
      try {
        await login();
      } catch (error) {
        health.set({ status: "down", detail: error instanceof Error ? error.message : String(error) });
        throw error;
      }
    },
    send: sender.send,
    openStream: sender.openStream,
    async stop() {
      if (stopped) return;
      stopped = true;
      // Let turns in progress deliver their replies before the connection goes away.
      const timer = new AbortController();
      await Promise.race([
        Promise.allSettled([...inflight]),
        sleep(options.drainTimeoutMs ?? 5_000, undefined, { signal: timer.signal }).catch(() => undefined),
      ]);
      timer.abort();
      health.set({ status: "down", detail: "stopping" });
      await client.destroy();
      health.set({ status: "down", detail: "stopped" });
    },
    health: () => health.current(),
    openPrivateConversation: (request) =>
      openPrivateConversation(request, {
        api,
        channels,
        log,
        ownThreads,
        botUserId: () => client.user?.id,
        userName: (userId) => client.users.cache.get(userId)?.username,
        ...(options.staffRoleId ? { staffRoleId: options.staffRoleId } : {}),
      }),
  };
}

/** Turns discord.js login failures into messages that say what to fix. */
function explainLoginError(error: unknown): Error {
  const message = error instanceof Error ? error.message : String(error);
  const code = typeof error === "object" && error !== null && "code" in error ? error.code : undefined;
  if (code === DiscordjsErrorCodes.TokenInvalid) {
    return new ConfigError(
      "Discord rejected DISCORD_BOT_TOKEN: reset it in the Developer Portal → your application → Bot and update .env.",
    );
  }
  if (/disallowed intents/i.test(message)) {
    return new ConfigError(
      "Discord refused the Message Content intent: enable it in the Developer Portal → Bot → Privileged Gateway Intents, or set DISCORD_MESSAGE_CONTENT=false to rely on mentions and slash commands.",
    );
  }
  return new NetworkError(
    `Could not connect to Discord: ${message}. Check DISCORD_API_URL and the network.`,
    {
      cause: error,
    },
  );
}
