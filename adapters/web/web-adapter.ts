import { readFileSync } from "node:fs";
import type { IncomingMessage, Server } from "node:http";
import path from "node:path";
import type { Duplex } from "node:stream";
import { fileURLToPath } from "node:url";
import { Hono } from "hono";
import { type WebSocket, WebSocketServer } from "ws";
import { z } from "zod";
import type { Adapter, BotPort, ChannelHealth } from "../../src/core/adapter.ts";
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
  edits: false,
  markdown: true,
  maxMessageLength: 4_000,
};

export interface WebAdapter extends Adapter {
  /** HTTP routes: the page, its assets and the JSON API. */
  readonly routes: Hono;
  /** Serves the chat WebSocket (`/api/chat/ws?session=…`) on an HTTP server. */
  attach(server: Server): void;
}

/**
 * The built-in web chat: a page served by the bot, a JSON API (`POST /api/chat/messages`,
 * `GET /api/chat/history`) and a WebSocket that also carries messages the bot sends later
 * (agent replies, ticket updates).
 */
export function createWebAdapter(options: { logger: Logger; transcript?: TranscriptStore }): WebAdapter {
  const log = options.logger.child({ component: "web" });
  const sockets = new Map<string, Set<WebSocket>>();
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1_100_000 });
  let bot: BotPort | undefined;
  let status: ChannelHealth = { status: "starting" };

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
      const payload = JSON.stringify({ type: "message", message });
      for (const socket of sockets.get(address.conversation) ?? []) {
        if (socket.readyState === socket.OPEN) socket.send(payload);
      }
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
