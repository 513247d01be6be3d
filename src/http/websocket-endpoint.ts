import type { Duplex } from "node:stream";

const REASONS: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  500: "Internal Server Error",
};

/** How long a refused client gets to read the answer before its socket is destroyed anyway. */
const REJECT_DRAIN_MS = 5_000;

/**
 * Refuses an upgrade: a plain-text HTTP answer, then the socket is closed and destroyed (a client
 * that never reads it cannot keep the descriptor: the socket is destroyed after a short idle time).
 */
export function rejectUpgrade(socket: Duplex, status: number, message: string): void {
  const body = `${message}\n`;
  // A client that resets the connection must not raise an unhandled 'error'.
  socket.on("error", () => socket.destroy());
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const idle = socket as Duplex & { setTimeout?: (ms: number, callback: () => void) => void };
  idle.setTimeout?.(REJECT_DRAIN_MS, () => socket.destroy());
  socket.once("finish", () => socket.destroy());
  socket.end(
    `HTTP/1.1 ${status} ${REASONS[status] ?? "Error"}\r\nContent-Type: text/plain; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
