import type { IncomingMessage, Server } from "node:http";
import type { Duplex } from "node:stream";
import { type WebSocket, WebSocketServer } from "ws";
import type { Logger } from "../../src/core/logger.ts";
import type { LocalDesk } from "../../src/handoff/local-desk.ts";
import { checkDeskAccess, presentedToken } from "./desk-access.ts";

export const DESK_WS_PATH = "/api/desk/ws";

/** Pushes local desk events to open desk pages over `WS /api/desk/ws`. */
export interface DeskSocket {
  attach(server: Server): void;
  stop(): Promise<void>;
}

const REASONS: Record<number, string> = { 401: "Unauthorized", 403: "Forbidden" };

/**
 * Every page gets every event (`{type:"packet"|"line", conversation, …}`) after a `{type:"ready"}`:
 * the desk is one shared queue, and pages reload the list on (re)connect to catch up.
 */
export function createDeskSocket(options: { desk: LocalDesk; logger: Logger; token?: string | undefined }) {
  const log = options.logger;
  const wss = new WebSocketServer({ noServer: true, maxPayload: 4_096 });
  const servers: Server[] = [];
  const unsubscribe = options.desk.subscribe((event) => {
    const payload = JSON.stringify(event);
    for (const socket of wss.clients) if (socket.readyState === socket.OPEN) socket.send(payload);
  });

  function onUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer) {
    const url = new URL(request.url ?? "/", "http://localhost");
    if (url.pathname !== DESK_WS_PATH) return;
    const access = checkDeskAccess(
      {
        remoteAddress: request.socket.remoteAddress,
        headers: request.headers,
        presentedToken: presentedToken(request.headers.authorization, url.searchParams.get("token")),
      },
      options.token,
    );
    if (!access.ok) {
      log.warn({ remote: request.socket.remoteAddress, status: access.status }, "desk WebSocket refused");
      const body = `${access.message}\n`;
      socket.end(
        `HTTP/1.1 ${access.status} ${REASONS[access.status]}\r\nContent-Type: text/plain; charset=utf-8\r\n` +
          `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws: WebSocket) => {
      // The page only listens; anything it sends is ignored.
      ws.send(JSON.stringify({ type: "ready" }));
    });
  }

  return {
    attach(server: Server) {
      server.on("upgrade", onUpgrade);
      servers.push(server);
    },
    async stop() {
      unsubscribe();
      for (const server of servers.splice(0)) server.off("upgrade", onUpgrade);
      for (const socket of wss.clients) socket.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  } satisfies DeskSocket;
}
