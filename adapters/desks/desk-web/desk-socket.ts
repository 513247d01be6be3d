import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { type WebSocket, WebSocketServer } from "ws";
import type { WebSocketEndpoint } from "../../../src/core/http-contribution.ts";
import type { Logger } from "../../../src/core/logger.ts";
import type { LocalDesk } from "../../../src/handoff/local-desk.ts";
import { rejectUpgrade } from "../../../src/http/websocket-endpoint.ts";
import { checkDeskAccess, presentedToken } from "./desk-access.ts";

export const DESK_WS_PATH = "/api/desk/ws";

/** The page only listens; what it may send (nothing useful) is kept tiny. */
const MAX_FRAME_BYTES = 4_096;

/** Pushes local desk events to open desk pages over `WS /api/desk/ws`. */
export interface DeskSocket {
  /** `WS /api/desk/ws`, for the HTTP server's upgrade dispatcher. */
  readonly endpoint: WebSocketEndpoint;
  stop(): Promise<void>;
}

/**
 * Every page gets every event (`{type:"packet"|"line", conversation, …}`) after a `{type:"ready"}`:
 * the desk is one shared queue, and pages reload the list on (re)connect to catch up.
 */
export function createDeskSocket(options: {
  desk: LocalDesk;
  logger: Logger;
  token?: string | undefined;
}): DeskSocket {
  const log = options.logger;
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  const unsubscribe = options.desk.subscribe((event) => {
    const payload = JSON.stringify(event);
    for (const socket of wss.clients) if (socket.readyState === socket.OPEN) socket.send(payload);
  });
  let stopped: Promise<void> | undefined;

  function handle(request: IncomingMessage, socket: Duplex, head: Buffer) {
    const url = new URL(request.url ?? "/", "http://localhost");
    const access = checkDeskAccess(
      {
        remoteAddress: request.socket.remoteAddress,
        localAddress: request.socket.localAddress,
        headers: request.headers,
        presentedToken: presentedToken(request.headers.authorization, url.searchParams.get("token")),
      },
      options.token,
    );
    if (!access.ok) {
      log.warn({ remote: request.socket.remoteAddress, status: access.status }, "desk WebSocket refused");
      rejectUpgrade(socket, access.status, access.message);
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws: WebSocket) => {
      // A malformed frame closes this socket (ws picks 1009/1007/1002); it must not be an uncaught
      // 'error' that takes the process down.
      ws.on("error", (error) => log.info({ err: error }, "desk WebSocket closed: protocol error"));
      ws.send(JSON.stringify({ type: "ready" }));
    });
  }

  return {
    endpoint: { path: DESK_WS_PATH, handle },
    stop() {
      stopped ??= new Promise<void>((resolve) => {
        unsubscribe();
        wss.close(() => resolve());
        for (const socket of wss.clients) socket.terminate();
      });
      return stopped;
    },
  };
}
