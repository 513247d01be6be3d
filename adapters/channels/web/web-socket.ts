import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { type RawData, type WebSocket, WebSocketServer } from "ws";
import { z } from "zod";
import type { WebSocketEndpoint } from "../../../src/core/http-contribution.ts";
import type { Logger } from "../../../src/core/logger.ts";
import { HELLO_TIMEOUT_MS, MAX_MESSAGE_BYTES } from "./web-limits.ts";
import { type ClientMessage, clientMessageSchema, helloFrameSchema } from "./web-protocol.ts";
import { conversationIdOf } from "./web-session.ts";

export const CHAT_WS_PATH = "/api/chat/ws";

/** Close code for a client that broke the chat protocol (no hello, a bad token). */
const POLICY_VIOLATION = 1008;

export interface ChatSockets {
  /** `WS /api/chat/ws`, for the HTTP server's upgrade dispatcher. */
  readonly endpoint: WebSocketEndpoint;
  /**
   * Sends a frame to every open WebSocket of a conversation (by conversation id) on this process.
   * A frame with a `cursor` is not sent twice to a socket that was just given it as missed.
   */
  broadcast(conversationId: string, frame: Record<string, unknown>): void;
  /** Closes every socket. */
  stop(): Promise<void>;
}

export interface ChatSocketsOptions {
  logger: Logger;
  /** A customer's frame, from the conversation `conversationId`; rejections become error frames. */
  /** A message from the socket of `conversationId`, opened from `remoteAddress`. */
  onMessage(
    conversationId: string,
    message: ClientMessage,
    remoteAddress: string | undefined,
  ): Promise<unknown>;
  helloTimeoutMs?: number;
  /**
   * What a conversation's sockets were sent after the frame `after` (`cursor` values), and the
   * cursor a socket that has seen nothing starts from.
   */
  missed: {
    since(conversationId: string, after: string): Promise<Record<string, unknown>[]>;
    latest(conversationId: string): Promise<string>;
  };
}

function parseJson(data: RawData, isBinary: boolean): unknown {
  if (isBinary || !Buffer.isBuffer(data)) return undefined;
  try {
    return JSON.parse(data.toString("utf8"));
  } catch {
    return undefined;
  }
}

/**
 * The chat's WebSockets. A client opens `/api/chat/ws` and sends `{"type":"hello","session"}`
 * first (the token stays out of URLs, which proxies log); the server answers
 * `{"type":"ready","conversation"}` and from then on carries the customer's frames in and every
 * message for the conversation out. A frame that breaks the WebSocket protocol (too large, invalid
 * UTF-8, reserved bits, unmasked) closes that socket with the code `ws` picks (1009, 1007, 1002)
 * and nothing else.
 */
export function createChatSockets(options: ChatSocketsOptions): ChatSockets {
  const log = options.logger;
  const helloTimeoutMs = options.helloTimeoutMs ?? HELLO_TIMEOUT_MS;
  const byConversation = new Map<string, Set<WebSocket>>();
  // Sockets still being sent what they missed: live frames wait here, then go out unless replayed.
  const catchingUp = new Map<WebSocket, { held: Record<string, unknown>[]; sent: Set<unknown> }>();
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });

  function join(conversationId: string, socket: WebSocket): void {
    const set = byConversation.get(conversationId) ?? new Set<WebSocket>();
    byConversation.set(conversationId, set);
    set.add(socket);
    socket.on("close", () => {
      set.delete(socket);
      if (set.size === 0 && byConversation.get(conversationId) === set) byConversation.delete(conversationId);
    });
  }

  function reply(socket: WebSocket, frame: Record<string, unknown>): void {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
  }

  /**
   * Joins the socket first (holding live frames), then sends `ready` with the current cursor and
   * what it missed after `after`, then the held frames it was not just sent.
   */
  async function catchUp(socket: WebSocket, conversationId: string, after: string | undefined) {
    const { missed } = options;
    const state = { held: [] as Record<string, unknown>[], sent: new Set<unknown>() };
    catchingUp.set(socket, state);
    join(conversationId, socket);
    try {
      const frames = after === undefined ? [] : await missed.since(conversationId, after);
      // Where the client stands until the missed frames reach it: where it left off.
      const latest = after ?? (await missed.latest(conversationId));
      reply(socket, {
        type: "ready",
        conversation: `web:${conversationId}`,
        cursor: latest,
      });
      for (const frame of frames) {
        state.sent.add(frame.cursor);
        reply(socket, frame);
      }
      for (const frame of state.held)
        if (frame.cursor === undefined || !state.sent.has(frame.cursor)) reply(socket, frame);
    } finally {
      catchingUp.delete(socket);
    }
  }

  function onConnection(socket: WebSocket, request: IncomingMessage): void {
    let conversationId: string | undefined;
    const remoteAddress = request.socket.remoteAddress;
    // Without this listener one malformed frame would be an uncaught exception: `ws` has already
    // closed this socket with the right code; the process and every other client carry on.
    socket.on("error", (error) =>
      log.info(
        { err: error, ...(conversationId ? { conversation: `web:${conversationId}` } : {}) },
        "web chat WebSocket closed: protocol error",
      ),
    );
    const helloTimer = setTimeout(() => socket.close(POLICY_VIOLATION, "no hello"), helloTimeoutMs);
    socket.on("close", () => clearTimeout(helloTimer));

    socket.on("message", (data, isBinary) => {
      const json = parseJson(data, isBinary);
      if (conversationId === undefined) {
        const hello = helloFrameSchema.safeParse(json);
        if (!hello.success) {
          reply(socket, {
            type: "error",
            error: `Say hello first: {"type":"hello","session":"<token>"}. ${z.prettifyError(hello.error)}`,
          });
          socket.close(POLICY_VIOLATION, "hello expected");
          return;
        }
        clearTimeout(helloTimer);
        conversationId = conversationIdOf(hello.data.session);
        log.debug({ conversation: `web:${conversationId}` }, "web chat WebSocket joined its conversation");
        catchUp(socket, conversationId, hello.data.after).catch((error: unknown) => {
          log.warn({ err: error, conversation: `web:${conversationId}` }, "missed web chat frames not sent");
          socket.close(1011, "try again");
        });
        return;
      }
      const message = clientMessageSchema.safeParse(json);
      if (!message.success) {
        const detail = json === undefined ? "not a JSON text frame" : z.prettifyError(message.error);
        reply(socket, { type: "error", error: `Message rejected: ${detail}` });
        return;
      }
      const conversation = conversationId;
      options.onMessage(conversation, message.data, remoteAddress).catch((error: unknown) => {
        log.error({ err: error, conversation: `web:${conversation}` }, "web chat message failed");
        reply(socket, {
          type: "error",
          id: message.data.id,
          error: "The bot could not process this message; please retry.",
        });
      });
    });
  }

  wss.on("connection", onConnection);
  let stopped: Promise<void> | undefined;

  return {
    endpoint: {
      path: CHAT_WS_PATH,
      handle(request: IncomingMessage, socket: Duplex, head: Buffer) {
        wss.handleUpgrade(request, socket, head, (ws) => wss.emit("connection", ws, request));
      },
    },
    broadcast(conversationId, frame) {
      const payload = JSON.stringify(frame);
      for (const socket of byConversation.get(conversationId) ?? []) {
        const held = catchingUp.get(socket);
        if (held) held.held.push(frame);
        else if (socket.readyState === socket.OPEN) socket.send(payload);
      }
    },
    stop() {
      stopped ??= new Promise<void>((resolve) => {
        wss.close(() => resolve());
        for (const socket of wss.clients) socket.terminate();
        byConversation.clear();
      });
      return stopped;
    },
  };
}
