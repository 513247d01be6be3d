import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import type { Hono } from "hono";

/**
 * A WebSocket endpoint served on the bot's HTTP server. Adapters and desks contribute these; the
 * upgrade dispatcher (src/http) hands each one the upgrade requests for its path.
 */
export interface WebSocketEndpoint {
  /** The exact pathname, e.g. `/api/chat/ws`; the query string is the endpoint's own business. */
  readonly path: string;
  /**
   * Completes or refuses the handshake (e.g. `WebSocketServer.handleUpgrade`, or `rejectUpgrade`).
   * Either way it must answer `socket` or destroy it.
   */
  handle(request: IncomingMessage, socket: Duplex, head: Buffer): void;
}

/**
 * What a part of the bot (a channel adapter, a desk) serves on the bot's one HTTP port. The
 * start-up code mounts every contribution the same way: routes are merged into the bot's
 * `Request → Response` app, WebSocket endpoints are served by path. Two parts claiming one
 * WebSocket path is a start-up error.
 */
export interface HttpContribution {
  /** Routes (pages, JSON APIs, webhooks), each a Hono app mounted at `/`. */
  readonly routes?: readonly Hono[];
  readonly websockets?: readonly WebSocketEndpoint[];
}

/** Anything that may serve HTTP on the bot's port. */
export interface HttpContributor {
  readonly http?: HttpContribution;
}
