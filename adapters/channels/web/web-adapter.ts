import { randomUUID } from "node:crypto";
import type { Hono } from "hono";
import { clientKeyFromAddress } from "../../../src/abuse/client-key.ts";
import { createMemoryPushes } from "../../../src/coordination/memory-pushes.ts";
import {
  type Adapter,
  type BotPort,
  type ChannelHealth,
  createThrottledStream,
  type DeliveryTarget,
} from "../../../src/core/adapter.ts";
import type { HttpContribution } from "../../../src/core/http-contribution.ts";
import type { Logger } from "../../../src/core/logger.ts";
import type { Pushes } from "../../../src/core/pushes.ts";
import type { TranscriptStore } from "../../../src/core/transcript.ts";
import type { Capabilities } from "../../../src/model/capabilities.ts";
import type { InboundEventInput } from "../../../src/model/events.ts";
import type { OutboundMessage } from "../../../src/model/outbound.ts";
import { createReplyCollector } from "./reply-collector.ts";
import type { ClientMessage } from "./web-protocol.ts";
import { toWebMessage } from "./web-render.ts";
import { createWebRoutes } from "./web-routes.ts";
import { createChatSockets } from "./web-socket.ts";

export const WEB_CAPABILITIES: Capabilities = {
  buttons: true,
  linkButtons: true,
  threads: false,
  edits: true,
  markdown: true,
  maxMessageLength: 4_000,
};

/** Least time between two frames of a streamed reply: smooth to read, cheap to render. */
const STREAM_INTERVAL_MS = 100;

/** The push topic of the web chat's frames, keyed by conversation id. */
const WEB_TOPIC = "web";
/** Frames kept per conversation for clients that reconnect (a streamed reply's edits count). */
const KEPT_FRAMES = 200;
/** Answered events whose reply count is remembered (a turn's replies go out within moments). */
const MAX_TRACKED_EVENTS = 10_000;

export interface WebAdapter extends Adapter {
  /** HTTP routes: the page, its assets and the JSON API. */
  readonly routes: Hono;
  /** What the bot's HTTP server mounts: {@link routes} and the chat WebSocket (`/api/chat/ws`). */
  readonly http: HttpContribution;
}

export interface WebAdapterOptions {
  logger: Logger;
  transcript?: TranscriptStore;
  /** Least time between two `edit` frames of a streamed reply (default 100 ms). */
  streamIntervalMs?: number;
  /** How long a new WebSocket may take to say hello (default 10 s). */
  helloTimeoutMs?: number;
  /**
   * Where frames go to reach the process holding the conversation's WebSocket and are kept for
   * reconnects (Redis with several processes). Default: this process only.
   */
  pushes?: Pushes;
}

/**
 * The built-in web chat: a page served by the bot, a JSON API (`POST /api/chat/messages`,
 * `GET /api/chat/history`) and a WebSocket that also carries messages the bot sends later
 * (agent replies, ticket updates). Every `message` frame has an `id`; a streamed reply is a
 * `message` frame followed by `edit` frames with the same id, the last one `final`. The POST API
 * answers with the replies the WebSocket showed (channel-fitted, rendered), final versions only.
 *
 * The client keeps a secret session token; the conversation is `web:<conversationId>`, a hash of
 * the token that logs, desks and other services may show (see `web-session.ts`).
 */
export function createWebAdapter(options: WebAdapterOptions): WebAdapter {
  const log = options.logger.child({ component: "web" });
  let bot: BotPort | undefined;
  let status: ChannelHealth = { status: "starting" };
  const collector = createReplyCollector();
  const pushes = options.pushes ?? createMemoryPushes();

  function toEvent(
    conversationId: string,
    message: ClientMessage,
    remoteAddress?: string,
  ): InboundEventInput {
    const user = {
      channel: "web",
      id: conversationId,
      ...(message.displayName ? { displayName: message.displayName } : {}),
      ...(message.locale ? { locale: message.locale } : {}),
    };
    const base = {
      id: message.id,
      conversation: `web:${conversationId}`,
      user,
      timestamp: new Date().toISOString(),
      // Anonymous clients pick their own sessions: rate limits also count per network address.
      ...(remoteAddress ? { clientKey: clientKeyFromAddress(remoteAddress) } : {}),
    };
    return message.type === "message"
      ? { ...base, type: "message", text: message.text }
      : {
          ...base,
          type: "action",
          action: message.action,
          ...(message.value ? { value: message.value } : {}),
        };
  }

  async function handle(conversationId: string, message: ClientMessage, remoteAddress: string | undefined) {
    if (!bot) throw new Error("web chat is not started");
    return bot.handle(toEvent(conversationId, message, remoteAddress));
  }

  /** The POST API's turn: its result and the replies as the WebSocket showed them. */
  function answer(conversationId: string, message: ClientMessage, remoteAddress: string | undefined) {
    return collector.during(`web:${conversationId}`, message.id, () =>
      handle(conversationId, message, remoteAddress),
    );
  }

  const chat = createChatSockets({
    logger: log,
    onMessage: handle,
    missed: {
      async since(conversationId, after) {
        const frames = await pushes.since(WEB_TOPIC, conversationId, after);
        return frames.map(({ id, frame }) => ({ ...(frame as Record<string, unknown>), cursor: id }));
      },
      latest: (conversationId) => pushes.latest(WEB_TOPIC, conversationId),
    },
    ...(options.helloTimeoutMs === undefined ? {} : { helloTimeoutMs: options.helloTimeoutMs }),
  });
  const unsubscribe = pushes.subscribe(WEB_TOPIC, (conversationId, { id, frame }) =>
    chat.broadcast(conversationId, { ...(frame as Record<string, unknown>), cursor: id }),
  );

  // Replies sent so far per answered event, so each part has a stable number (bounded: oldest out).
  const partsSent = new Map<string, number>();

  /**
   * Sends a frame to the conversation's sockets on every process. The n-th reply to an event is
   * shown once: the same turn re-run on another process after a crash (its replies possibly worded
   * differently on the saved state) does not show the parts the dead process already sent.
   */
  async function push(conversationId: string, frame: Record<string, unknown>, inReplyTo?: string) {
    let once: string | undefined;
    if (inReplyTo !== undefined) {
      const key = `${conversationId}\u0000${inReplyTo}`;
      const part = partsSent.get(key) ?? 0;
      partsSent.delete(key);
      partsSent.set(key, part + 1);
      if (partsSent.size > MAX_TRACKED_EVENTS) partsSent.delete(partsSent.keys().next().value as string);
      once = `${inReplyTo}#${part}`;
    }
    await pushes.publish(WEB_TOPIC, conversationId, frame, { keep: KEPT_FRAMES, ...(once ? { once } : {}) });
  }

  const routes = createWebRoutes({ logger: log, transcript: options.transcript, answer });

  return {
    channel: "web",
    capabilities: WEB_CAPABILITIES,
    routes,
    http: { routes: [routes], websockets: [chat.endpoint] },
    async start(port) {
      bot = port;
      status = { status: "up" };
    },
    async send(target: DeliveryTarget, message: OutboundMessage) {
      const shown = toWebMessage(message);
      collector.record(target, shown);
      await push(
        target.address.conversation,
        {
          type: "message",
          id: randomUUID(),
          message: shown,
          ...(target.inReplyTo === undefined ? {} : { replyTo: target.inReplyTo }),
        },
        target.inReplyTo,
      );
    },
    async openStream(target: DeliveryTarget, initial: OutboundMessage) {
      const { address } = target;
      const id = randomUUID();
      const conversationId = address.conversation;
      const max = WEB_CAPABILITIES.maxMessageLength;
      const replyTo = target.inReplyTo === undefined ? {} : { replyTo: target.inReplyTo };
      await push(conversationId, {
        type: "message",
        id,
        message: toWebMessage({ ...initial, text: truncate(initial.text, max) }),
        ...replyTo,
      });
      return createThrottledStream({
        shown: initial.text,
        intervalMs: options.streamIntervalMs ?? STREAM_INTERVAL_MS,
        edit: (text) =>
          push(conversationId, {
            type: "edit",
            id,
            message: toWebMessage({ ...initial, text: truncate(text, max) }),
          }),
        finish: async (final) => {
          const shown = toWebMessage(final);
          collector.record(target, shown);
          await push(conversationId, { type: "edit", id, message: shown, final: true, ...replyTo });
        },
        onError: (error) =>
          log.warn({ err: error, conversation: `web:${conversationId}` }, "streamed web reply not updated"),
      });
    },
    async stop() {
      unsubscribe();
      await chat.stop();
      status = { status: "down", detail: "stopped" };
    },
    health: () => status,
  };
}

/** Text cut to `max` characters, marked as cut. */
function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
