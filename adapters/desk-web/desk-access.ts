import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders, IncomingMessage } from "node:http";

/** What a desk request looks like to the access check, whether it is HTTP or a WebSocket upgrade. */
export interface DeskRequest {
  /** The TCP peer, from the socket (never from a header a client could forge). */
  remoteAddress: string | undefined;
  headers: IncomingHttpHeaders | Headers;
  /** `Authorization: Bearer …` (API) or `?token=` (page, WebSocket). */
  presentedToken: string | undefined;
}

/** Either access is granted, or the status and message to refuse it with. */
export type AccessDecision = { ok: true } | { ok: false; status: 401 | 403; message: string };

export const REMOTE_REFUSED = "set DESK_TOKEN to use the desk from another machine";

/** Forwarding headers mean a proxy on this machine relays someone else's request. */
const FORWARDING_HEADERS = ["forwarded", "x-forwarded-for", "x-real-ip"];

/** True for 127.0.0.0/8 and ::1, also written as IPv4-mapped IPv6. */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith("::ffff:") ? address.slice(7) : address;
  return v4.startsWith("127.") || address === "::1";
}

/** `localhost`, `127.x.x.x` or `[::1]`, with or without a port. */
function isLoopbackHost(host: string | undefined): boolean {
  if (!host) return false;
  const name = host.startsWith("[") ? host.slice(1, host.indexOf("]")) : host.replace(/:\d+$/, "");
  return name === "localhost" || isLoopback(name);
}

/** The host of an Origin header; undefined for `null` (sandboxed frames, files) and garbage. */
function hostOf(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}

function header(headers: DeskRequest["headers"], name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function sameToken(presented: string, expected: string): boolean {
  // Hashing first gives equal lengths, which timingSafeEqual requires.
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(presented), digest(expected));
}

/**
 * The desk shows customers' conversations, so it is closed to the network by default. With a token,
 * every request must present it. Without one, only this machine may use the desk, and only from a
 * page of its own: a loopback Host (a DNS-rebound name is refused) and no foreign Origin (another
 * site open in the agent's browser cannot drive the desk or read its WebSocket).
 */
export function checkDeskAccess(request: DeskRequest, token: string | undefined): AccessDecision {
  if (token) {
    if (request.presentedToken && sameToken(request.presentedToken, token)) return { ok: true };
    return {
      ok: false,
      status: 401,
      message: request.presentedToken
        ? "The desk token is wrong: use the DESK_TOKEN the bot was started with"
        : "The desk needs its token: open /desk?token=<DESK_TOKEN> (API: Authorization: Bearer <DESK_TOKEN>)",
    };
  }
  const forwarded = FORWARDING_HEADERS.some((name) => header(request.headers, name) !== undefined);
  if (!isLoopback(request.remoteAddress) || forwarded) {
    return { ok: false, status: 403, message: `The desk only answers this machine: ${REMOTE_REFUSED}` };
  }
  const host = header(request.headers, "host");
  const origin = header(request.headers, "origin");
  if (!isLoopbackHost(host) || (origin !== undefined && hostOf(origin) !== host)) {
    return {
      ok: false,
      status: 403,
      message: `The desk refused a request from another site: ${REMOTE_REFUSED}`,
    };
  }
  return { ok: true };
}

/** The token a request presents: the bearer header first, then `?token=`. */
export function presentedToken(authorization: string | undefined, query: string | null | undefined) {
  const bearer = authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
  return bearer ?? query ?? undefined;
}

/** The peer of a request served by @hono/node-server (`c.env.incoming`); undefined in memory. */
export function remoteAddressOf(env: unknown): string | undefined {
  const incoming = (env as { incoming?: IncomingMessage } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress;
}
