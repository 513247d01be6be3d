import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createEmulatedGateway, type EmulatedGateway } from "./gateway.ts";
import {
  buttonPressPayload,
  messagePayload,
  modalSubmitPayload,
  type StoredMessage,
  slashCommandPayload,
} from "./payloads.ts";
import { handleRest } from "./rest.ts";
import type { CapturedRequest, Failure, Refusal, RestState } from "./rest-state.ts";
import {
  BOT_TOKEN,
  createSnowflakes,
  type EmulatedChannel,
  type EmulatedUser,
  guildCreate,
  IDS,
  initialChannels,
  threadChannel,
  USERS,
} from "./world.ts";

const MESSAGE_CONTENT_INTENT = 1 << 15;

/**
 * A local Discord for end-to-end tests: REST under `<apiUrl>/v10` and the gateway at the URL
 * `GET /gateway/bot` returns, on one 127.0.0.1 port. The real discord.js client connects to it with
 * `rest.api = emulator.apiUrl`; nothing else needs configuring.
 */
export interface DiscordEmulator {
  readonly apiUrl: string;
  readonly gatewayUrl: string;
  readonly gateway: EmulatedGateway;
  readonly state: RestState;
  requests(method?: string, path?: RegExp): CapturedRequest[];
  /** Messages the bot created (channel posts and interaction follow-ups), optionally in one channel. */
  botMessages(channelId?: string): StoredMessage[];
  userMessage(options: {
    channelId: string;
    content: string;
    author?: EmulatedUser;
    mentionBot?: boolean;
    replyTo?: StoredMessage;
    roles?: string[];
  }): StoredMessage;
  /** Opens a post in the #help forum: THREAD_CREATE, then the starter message. */
  forumPost(options: { title: string; content: string; author?: EmulatedUser }): StoredMessage;
  slashCommand(options: {
    name: string;
    channelId: string;
    options?: { name: string; value: string }[];
    user?: EmulatedUser;
    locale?: string;
  }): { id: string; token: string; payload: unknown };
  pressButton(options: { message: StoredMessage; customId: string; user?: EmulatedUser; locale?: string }): {
    id: string;
    token: string;
  };
  /** The user fills in and submits the modal a command answered with (`values` by input id). */
  submitModal(options: {
    customId: string;
    values: Record<string, string>;
    channelId: string;
    user?: EmulatedUser;
    locale?: string;
  }): { id: string; token: string; payload: unknown };
  failNext(failure: Omit<Failure, "times"> & { times?: number }): void;
  refuse(kind: "messages" | "threads" | "dm", id: string, refusal: Refusal): void;
  close(): Promise<void>;
}

export async function startDiscordEmulator(
  options: {
    heartbeatIntervalMs?: number;
    /** `false`: the portal's Message Content switch is off, so IDENTIFY with it is refused. */
    messageContentApproved?: boolean;
  } = {},
): Promise<DiscordEmulator> {
  const nextId = createSnowflakes();
  let port = 0;
  const gatewayUrl = () => `ws://127.0.0.1:${port}/gateway`;
  const channels = initialChannels();

  const gateway = createEmulatedGateway(gatewayUrl, {
    token: BOT_TOKEN,
    heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41_250,
    // The portal's "Message Content Intent" switch.
    ...(options.messageContentApproved === false ? { allowedIntents: ~MESSAGE_CONTENT_INTENT } : {}),
    ready: ({ sessionId, resumeUrl }) => ({
      v: 10,
      user: { ...USERS.bot, verified: true, mfa_enabled: true, email: null },
      guilds: [{ id: IDS.guild, unavailable: true }],
      session_id: sessionId,
      resume_gateway_url: resumeUrl,
      shard: [0, 1],
      application: { id: IDS.bot, flags: 0 },
      user_settings: {},
      private_channels: [],
      presences: [],
      relationships: [],
      guild_join_requests: [],
      geo_ordered_rtc_regions: ["seoul"],
      auth: {},
      _trace: ['["gateway-emulator",{"micros":0}]'],
    }),
    afterReady: () => [{ t: "GUILD_CREATE", d: guildCreate(channels) }],
    filter(t, d, intents) {
      // Without MessageContent, Discord blanks guild messages that do not mention the bot.
      if (t !== "MESSAGE_CREATE" || (intents & MESSAGE_CONTENT_INTENT) !== 0) return d;
      const message = d as StoredMessage & { mentions: { id: string }[] };
      const exempt =
        message.guild_id === undefined ||
        message.author.id === IDS.bot ||
        message.mentions.some((user) => user.id === IDS.bot);
      return exempt ? d : { ...message, content: "", embeds: [], attachments: [], components: [] };
    },
  });

  const state: RestState = {
    token: BOT_TOKEN,
    channels,
    messages: new Map(),
    nonces: new Map(),
    interactions: new Map(),
    commands: new Map(),
    requests: [],
    failures: [],
    refusals: new Map(),
    threadRefusals: new Map(),
    dmRefusals: new Map(),
    nextId,
    gatewayInfo: () => ({
      url: gatewayUrl(),
      shards: 1,
      session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 },
    }),
    dispatch: (t, d) => gateway.dispatch(t, d),
    openDm(userId) {
      const existing = [...channels.values()].find(
        (channel) => channel.type === 1 && (channel.recipients as { id: string }[])[0]?.id === userId,
      );
      if (existing) return existing;
      const recipient = Object.values(USERS).find((user) => user.id === userId);
      const dm: EmulatedChannel = {
        id: nextId(),
        type: 1,
        last_message_id: null,
        flags: 0,
        recipients: [recipient],
      };
      channels.set(dm.id, dm);
      return dm;
    },
  };

  const server = createServer((req, res) => {
    if (!req.url?.startsWith("/api/v10/")) {
      res.writeHead(404).end();
      return;
    }
    handleRest(req, res, state).catch((error: unknown) => {
      res
        .writeHead(500, { "content-type": "application/json" })
        .end(JSON.stringify({ message: String(error) }));
    });
  });
  server.on("upgrade", (req, socket, head) => {
    if (!req.url?.startsWith("/gateway")) {
      socket.destroy();
      return;
    }
    gateway.wss.handleUpgrade(req, socket, head, (ws) => gateway.wss.emit("connection", ws, req));
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  port = (server.address() as AddressInfo).port;

  function channel(id: string): EmulatedChannel {
    const found = channels.get(id);
    if (!found) throw new Error(`emulator has no channel ${id}`);
    return found;
  }

  function registerInteraction(type: number, channelId: string, messageId?: string) {
    const entry = {
      id: nextId(),
      token: `aW50ZXJhY3Rpb246${nextId()}`,
      type,
      channelId,
      dispatchedAt: Date.now(),
      acknowledged: false,
      ...(messageId ? { messageId } : {}),
    };
    state.interactions.set(entry.id, entry);
    return entry;
  }

  return {
    apiUrl: `http://127.0.0.1:${port}/api`,
    gatewayUrl: gatewayUrl(),
    gateway,
    state,
    requests: (method, path) =>
      state.requests.filter((r) => (!method || r.method === method) && (!path || path.test(r.path))),
    botMessages: (channelId) =>
      [...state.messages.values()].filter(
        (message) => message.author.id === IDS.bot && (!channelId || message.channel_id === channelId),
      ),
    userMessage(options) {
      const author = options.author ?? USERS.alice;
      const content = options.mentionBot ? `<@${IDS.bot}> ${options.content}` : options.content;
      const message = messagePayload({
        id: nextId(),
        channel: channel(options.channelId),
        author,
        content,
        ...(options.mentionBot ? { mentions: [USERS.bot] } : {}),
        ...(options.replyTo ? { replyTo: options.replyTo } : {}),
        ...(options.roles ? { roles: options.roles } : {}),
      });
      state.messages.set(message.id, message);
      gateway.dispatch("MESSAGE_CREATE", message);
      return message;
    },
    forumPost(options) {
      const author = options.author ?? USERS.alice;
      const thread = threadChannel({
        id: nextId(),
        parentId: IDS.helpForum,
        name: options.title,
        ownerId: author.id,
      });
      channels.set(thread.id, thread);
      gateway.dispatch("THREAD_CREATE", { ...thread, newly_created: true });
      // A forum post's starter message has the thread's id.
      const message = messagePayload({ id: thread.id, channel: thread, author, content: options.content });
      state.messages.set(message.id, message);
      gateway.dispatch("MESSAGE_CREATE", message);
      return message;
    },
    slashCommand(options) {
      const entry = registerInteraction(2, options.channelId);
      const payload = slashCommandPayload({
        id: entry.id,
        token: entry.token,
        name: options.name,
        channel: channel(options.channelId),
        ...(options.options ? { options: options.options } : {}),
        ...(options.user ? { user: options.user } : {}),
        ...(options.locale ? { locale: options.locale } : {}),
      });
      gateway.dispatch("INTERACTION_CREATE", payload);
      return { id: entry.id, token: entry.token, payload };
    },
    pressButton(options) {
      const entry = registerInteraction(3, options.message.channel_id, options.message.id);
      gateway.dispatch(
        "INTERACTION_CREATE",
        buttonPressPayload({
          id: entry.id,
          token: entry.token,
          customId: options.customId,
          message: state.messages.get(options.message.id) ?? options.message,
          channel: channel(options.message.channel_id),
          ...(options.user ? { user: options.user } : {}),
          ...(options.locale ? { locale: options.locale } : {}),
        }),
      );
      return entry;
    },
    submitModal(options) {
      const entry = registerInteraction(5, options.channelId);
      const payload = modalSubmitPayload({
        id: entry.id,
        token: entry.token,
        customId: options.customId,
        values: options.values,
        channel: channel(options.channelId),
        ...(options.user ? { user: options.user } : {}),
        ...(options.locale ? { locale: options.locale } : {}),
      });
      gateway.dispatch("INTERACTION_CREATE", payload);
      return { id: entry.id, token: entry.token, payload };
    },
    failNext(failure) {
      state.failures.push({ ...failure, times: failure.times ?? 1 });
    },
    refuse(kind, id, refusal) {
      const map =
        kind === "messages" ? state.refusals : kind === "threads" ? state.threadRefusals : state.dmRefusals;
      map.set(id, refusal);
    },
    async close() {
      gateway.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
