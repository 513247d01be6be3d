import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import type { IncomingMessage, Server } from "node:http";
import path from "node:path";
import type { Duplex } from "node:stream";
import { fileURLToPath } from "node:url";
import { Hono } from "hono";
import { type WebSocket, WebSocketServer } from "ws";
import { z } from "zod";
import {
  type Adapter,
  type BotPort,
  type ChannelHealth,
  createThrottledStream,
} from "../../src/core/adapter.ts";
import { EventError } from "../../src/core/errors.ts";
import type { Logger } from "../../src/core/logger.ts";
import type { TranscriptStore } from "../../src/core/transcript.ts";
import type { Address } from "../../src/model/address.ts";
import type { Capabilities } from "../../src/model/capabilities.ts";
import type { InboundEventInput } from "../../src/model/events.ts";
import type { OutboundMessage } from "../../src/model/outbound.ts";
import {
  type ClientMessage,
  clientMessageSchema,
  postMessageSchema,
  sessionIdSchema,
} from "./web-protocol.ts";

const PUBLIC_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "public");
const STATIC_FILES: Record<string, string> = {
  "/": "index.html",
  "/chat.js": "chat.js",
  "/chat.css": "chat.css",
};
const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
};

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

export interface WebAdapter extends Adapter {
  /** HTTP routes: the page, its assets and the JSON API. */
  readonly routes: Hono;
  /** Serves the chat WebSocket (`/api/chat/ws?session=…`) on an HTTP server. */
  attach(server: Server): void;
}

export interface WebAdapterOptions {
  logger: Logger;
  transcript?: TranscriptStore;
  /** Least time between two `edit` frames of a streamed reply (default 100 ms). */
  streamIntervalMs?: number;
}

/**
 * The built-in web chat: a page served by the bot, a JSON API (`POST /api/chat/messages`,
 * `GET /api/chat/history`) and a WebSocket that also carries messages the bot sends later
 * (agent replies, ticket updates). Every `message` frame has an `id`; a streamed reply is a
 * `message` frame followed by `edit` frames with the same id, the last one `final`. The POST API
 * answers with the final replies only.
 */
export function createWebAdapter(options: WebAdapterOptions): WebAdapter {
  const log = options.logger.child({ component: "web" });
  const sockets = new Map<string, Set<WebSocket>>();
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1_100_000 });
  let bot: BotPort | undefined;
  let status: ChannelHealth = { status: "starting" };

  /** Sends a frame to every open WebSocket of the session. */
  function broadcast(session: string, frame: Record<string, unknown>): void {
    const payload = JSON.stringify(frame);
    for (const socket of sockets.get(session) ?? []) {
      if (socket.readyState === socket.OPEN) socket.send(payload);
    }
  }

  function toEvent(session: string, message: ClientMessage): InboundEventInput {
    const user = {
      channel: "web",
      id: session,
      ...(message.displayName ? { displayName: message.displayName } : {}),
      ...(message.locale ? { locale: message.locale } : {}),
    };
    const base = {
      id: message.id,
      conversation: `web:${session}`,
      user,
      timestamp: new Date().toISOString(),
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

  async function handle(session: string, message: ClientMessage) {
    if (!bot) throw new Error("web chat is not started");
    return bot.handle(toEvent(session, message));
  }

  const routes = new Hono();
  for (const [route, file] of Object.entries(STATIC_FILES)) {
    routes.get(route, (c) => {
      const body = readFileSync(path.join(PUBLIC_DIR, file), "utf8");
      return c.body(body, 200, {
        "content-type": CONTENT_TYPES[path.extname(file)] ?? "text/plain",
        "cache-control": "no-cache",
      });
    });
  }
  routes.post("/api/chat/messages", async (c) => {
    const body = postMessageSchema.safeParse(await c.req.json().catch(() => undefined));
    if (!body.success) return c.json({ error: z.prettifyError(body.error) }, 400);
    const { session, ...message } = body.data;
    try {
      const result = await handle(session, message as ClientMessage);
      return c.json({
        conversation: result.conversation,
        duplicate: result.duplicate,
        replies: result.replies,
      });
    } catch (error) {
      if (error instanceof EventError) return c.json({ error: error.message }, 400);
      log.error({ err: error }, "web chat message failed");
      return c.json({ error: "The bot could not process this message; please retry." }, 500);
    }
  });
  routes.get("/api/chat/history", async (c) => {
    const session = sessionIdSchema.safeParse(c.req.query("session"));
    if (!session.success) return c.json({ error: z.prettifyError(session.error) }, 400);
    const entries = (await options.transcript?.list(`web:${session.data}`)) ?? [];
    return c.json({
      messages: entries.flatMap((entry) => [
        ...(entry.type === "message" ? [{ from: "user", text: entry.text }] : []),
        ...entry.replies.map((reply) => ({ from: "bot", ...reply })),
      ]),
    });
  });

  wss.on("connection", (socket: WebSocket, session: string) => {
    const set = sockets.get(session) ?? new Set<WebSocket>();
    sockets.set(session, set);
    set.add(socket);
    socket.on("close", () => {
      set.delete(socket);
      if (set.size === 0) sockets.delete(session);
    });
    socket.on("message", (data) => {
      let message: ClientMessage;
      try {
        message = clientMessageSchema.parse(JSON.parse(String(data)));
      } catch (error) {
        const detail = error instanceof z.ZodError ? z.prettifyError(error) : "not JSON";
        socket.send(JSON.stringify({ type: "error", error: `Message rejected: ${detail}` }));
        return;
      }
      handle(session, message).catch((error: unknown) => {
        log.error({ err: error, session }, "web chat message failed");
        socket.send(
          JSON.stringify({
            type: "error",
            id: message.id,
            error: "The bot could not process this message; please retry.",
          }),
        );
      });
    });
    socket.send(JSON.stringify({ type: "ready", conversation: `web:${session}` }));
  });

  return {
    channel: "web",
    capabilities: WEB_CAPABILITIES,
    routes,
    async start(port) {
      bot = port;
      status = { status: "up" };
    },
    async send(address: Address, message: OutboundMessage) {
      broadcast(address.conversation, { type: "message", id: randomUUID(), message });
    },
    async openStream(address: Address, initial: OutboundMessage) {
      const id = randomUUID();
      const session = address.conversation;
      const max = WEB_CAPABILITIES.maxMessageLength;
      broadcast(session, { type: "message", id, message: { ...initial, text: truncate(initial.text, max) } });
      return createThrottledStream({
        shown: initial.text,
        intervalMs: options.streamIntervalMs ?? STREAM_INTERVAL_MS,
        edit: async (text) =>
          broadcast(session, { type: "edit", id, message: { ...initial, text: truncate(text, max) } }),
        finish: async (final) => broadcast(session, { type: "edit", id, message: final, final: true }),
        onError: (error) => log.warn({ err: error, session }, "streamed web reply not updated"),
      });
    },
    attach(server: Server) {
      server.on("upgrade", (request: IncomingMessage, socket: Duplex, head: Buffer) => {
        const url = new URL(request.url ?? "/", "http://localhost");
        if (url.pathname !== "/api/chat/ws") return;
        const session = sessionIdSchema.safeParse(url.searchParams.get("session"));
        if (!session.success) {
          socket.end("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n");
          return;
        }
        wss.handleUpgrade(request, socket, head, (ws) => wss.emit("connection", ws, session.data));
      });
    },
    async stop() {
      for (const set of sockets.values()) for (const socket of set) socket.terminate();
      sockets.clear();
      wss.close();
      status = { status: "down", detail: "stopped" };
    },
    health: () => status,
  };
}

/** Text cut to `max` characters, marked as cut. */
function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
