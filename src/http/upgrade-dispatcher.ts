import type { IncomingMessage, Server } from "node:http";
import type { Duplex } from "node:stream";
import type { WebSocketEndpoint } from "../core/http-contribution.ts";
import type { Logger } from "../core/logger.ts";
import { rejectUpgrade } from "./websocket-endpoint.ts";

/** The one `'upgrade'` listener of the bot's HTTP server. */
export interface UpgradeDispatcher {
  /** Answers one upgrade request: its endpoint's handler, else 404 (400 when malformed). */
  handle(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Listens to `server`'s upgrade requests; returns the function that stops listening. */
  attach(server: Server): () => void;
}

/** The pathname of a request target like `/api/chat/ws?x=1`; undefined when it is not one. */
function pathnameOf(target: string | undefined): string | undefined {
  // Only origin-form targets: an absolute URL or `*` is not something a browser sends here.
  if (!target?.startsWith("/") || target.startsWith("//")) return undefined;
  try {
    return new URL(target, "http://localhost").pathname;
  } catch {
    return undefined;
  }
}

/**
 * Routes HTTP upgrade requests to the WebSocket endpoints by exact path. Everything else is
 * answered and closed at once, so an upgrade to a path nobody serves never holds a descriptor:
 * 400 when the request is not a WebSocket handshake (not GET, `Upgrade` other than `websocket`,
 * unreadable target), 404 when no endpoint has its path.
 */
export function createUpgradeDispatcher(
  options: { endpoints?: readonly WebSocketEndpoint[]; logger?: Logger } = {},
): UpgradeDispatcher {
  const log = options.logger?.child({ component: "http-upgrade" });
  const byPath = new Map<string, WebSocketEndpoint>();
  for (const endpoint of options.endpoints ?? []) {
    if (byPath.has(endpoint.path)) {
      throw new Error(`Two WebSocket endpoints want ${endpoint.path}: each path can be served once.`);
    }
    byPath.set(endpoint.path, endpoint);
  }

  function handle(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    // Until an endpoint takes over, a reset connection must not become an unhandled 'error'.
    const ignore = (error: Error) => log?.debug({ err: error }, "upgrade socket failed");
    socket.on("error", ignore);
    const path = pathnameOf(request.url);
    const isWebSocket =
      request.method === "GET" &&
      request.headers.upgrade?.toLowerCase() === "websocket" &&
      path !== undefined;
    if (!isWebSocket) {
      rejectUpgrade(socket, 400, "Only WebSocket upgrades (GET, Upgrade: websocket) are served here.");
      return;
    }
    const endpoint = byPath.get(path);
    if (!endpoint) {
      rejectUpgrade(socket, 404, "No WebSocket endpoint at this path.");
      return;
    }
    try {
      endpoint.handle(request, socket, head);
    } catch (error) {
      log?.error({ err: error, path }, "WebSocket endpoint failed during the handshake");
      rejectUpgrade(socket, 500, "The WebSocket could not be opened.");
    }
  }

  return {
    handle,
    attach(server) {
      server.on("upgrade", handle);
      return () => server.off("upgrade", handle);
    },
  };
}
