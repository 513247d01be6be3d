import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import type { Hono } from "hono";
import { createUpgradeDispatcher, type UpgradeDispatcher } from "./upgrade-dispatcher.ts";

/**
 * Starts serving `app`; resolves once listening, with the bound port (useful with port 0).
 * `upgrades` answers every upgrade request (WebSockets); without it each one gets 404. It is
 * attached before the first connection can arrive.
 */
export function listen(
  app: Hono,
  port: number,
  hostname: string,
  upgrades: UpgradeDispatcher = createUpgradeDispatcher(),
): Promise<{ server: Server; port: number }> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port, hostname }, (info: AddressInfo) => {
      resolve({ server: server as Server, port: info.port });
    }) as Server;
    upgrades.attach(server);
    server.once("error", reject);
  });
}

/** Closes a server and every open connection (keep-alive, WebSocket). */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
