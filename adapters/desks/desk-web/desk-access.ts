import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";

/** What a desk request looks like to the access check, whether it is HTTP or a WebSocket upgrade. */
export interface DeskRequest {
  /** The TCP peer, from the socket (never from a header a client could forge). */
  remoteAddress: string | undefined;
  /** The address of this server the connection arrived on, from the socket. */
  localAddress: string | undefined;
  headers: IncomingHttpHeaders | Headers;
  /** `Authorization: Bearer …` (API) or `?token=` (page, WebSocket). */
  presentedToken: string | undefined;
}

/** Either access is granted, or the status and message to refuse it with. */
export type AccessDecision = { ok: true } | { ok: false; status: 401 | 403; message: string };

export const REMOTE_REFUSED = "set DESK_TOKEN to use the desk from another machine";

/**
 * Headers a proxy adds when it relays someone else's request. A request carrying any of them did
 * not come from a browser on this machine, whatever its socket says.
 */
const FORWARDING_HEADERS = new Set([
  "forwarded",
  "via",
  "x-real-ip",
  "x-client-ip",
  "x-cluster-client-ip",
  "x-original-forwarded-for",
  "true-client-ip",
  "cf-connecting-ip",
  "fastly-client-ip",
]);

function isForwardingHeader(name: string): boolean {
  const lower = name.toLowerCase();
  return FORWARDING_HEADERS.has(lower) || lower.startsWith("x-forwarded-");
}

const IPV4_LOOPBACK = /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;

/** True for a socket address in 127.0.0.0/8 or ::1, also written as IPv4-mapped IPv6. */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.toLowerCase().startsWith("::ffff:") ? address.slice(7) : address;
  return IPV4_LOOPBACK.test(v4) || address === "::1";
}

/**
 * A Host header naming this machine: exactly `localhost`, `127.0.0.1` or `[::1]`, with an optional
 * port. Nothing that merely starts like one (`127.evil.example`, `localhost.evil.example`): a
 * DNS-rebound name is what a page of another site would send.
 */
export function isLoopbackHost(host: string | undefined): boolean {
  return host !== undefined && /^(?:localhost|127\.0\.0\.1|\[::1\])(?::\d{1,5})?$/i.test(host);
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

function hasForwardingHeader(headers: DeskRequest["headers"]): boolean {
  if (!(headers instanceof Headers)) return Object.keys(headers).some(isForwardingHeader);
  let found = false;
  headers.forEach((_value, name) => {
    found ||= isForwardingHeader(name);
  });
  return found;
}

function sameToken(presented: string, expected: string): boolean {
  // Hashing first gives equal lengths, which timingSafeEqual requires.
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(presented), digest(expected));
}

/**
 * The desk shows customers' conversations, so it is closed to the network by default. With a token,
 * every request must present it. Without one, only a browser on this machine may use the desk:
 * the connection must be loopback at both ends (the socket, not a header), carry no proxy's
 * forwarding header, name the host exactly as `localhost`, `127.0.0.1` or `[::1]` (a DNS-rebound
 * name is refused) and come from no foreign Origin (another site open in the agent's browser
 * cannot drive the desk or read its WebSocket).
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
  const local = isLoopback(request.remoteAddress) && isLoopback(request.localAddress);
  if (!local || hasForwardingHeader(request.headers)) {
    return { ok: false, status: 403, message: `The desk only answers this machine: ${REMOTE_REFUSED}` };
  }
  const host = header(request.headers, "host");
  const origin = header(request.headers, "origin");
  if (!isLoopbackHost(host) || (origin !== undefined && hostOf(origin) !== host?.toLowerCase())) {
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
