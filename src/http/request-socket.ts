import type { IncomingMessage } from "node:http";

/** The socket of a request served by @hono/node-server (`c.env.incoming`); undefined in memory. */
function socketOf(env: unknown) {
  return (env as { incoming?: IncomingMessage } | undefined)?.incoming?.socket;
}

/** The peer of a request served by @hono/node-server (from the socket, never from a header); undefined in memory. */
export function remoteAddressOf(env: unknown): string | undefined {
  return socketOf(env)?.remoteAddress;
}

/** The local address a request served by @hono/node-server arrived on; undefined in memory. */
export function localAddressOf(env: unknown): string | undefined {
  return socketOf(env)?.localAddress;
}
