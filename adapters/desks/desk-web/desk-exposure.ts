import { ConfigError } from "../../../src/model/errors.ts";
import { isLoopback } from "./desk-access.ts";

/** The settings that decide who could reach the local desk. */
export interface DeskExposureSettings {
  /** HOST: the interface the bot listens on. */
  host: string;
  /** DESK_TOKEN. */
  token?: string | undefined;
  /** Public URLs that reach this server's PORT from the internet (TELEGRAM_WEBHOOK_URL). */
  publishedUrls: readonly string[];
}

/** Listening on every interface also means listening on loopback. */
const WILDCARD_HOSTS = new Set(["0.0.0.0", "::", "[::]"]);

/**
 * Checks at start-up that the local desk without DESK_TOKEN stays on this machine, and says what
 * the operator should know.
 *
 * Without a token the desk only serves connections that are loopback at both ends and carry no
 * forwarding header, whatever HOST is: other machines are refused by the socket, not by a header.
 * What no request can reveal is a reverse proxy or tunnel on this machine that rewrites Host to
 * `127.0.0.1` and adds no `X-Forwarded-For` (nginx's bare `proxy_pass`): it looks exactly like a
 * browser here. A configured public URL says such a relay exists, so that combination is refused.
 *
 * @throws ConfigError when the desk would be open to the network.
 * @returns a warning when the desk could not be used at all (nobody reaches it over loopback).
 */
export function checkDeskExposure(settings: DeskExposureSettings): string | undefined {
  if (settings.token) return undefined;
  const [published] = settings.publishedUrls;
  if (published !== undefined) {
    throw new ConfigError(
      `The desk would be open to the network: ${published} publishes this server through a proxy or tunnel, and ` +
        "one on this machine that adds no X-Forwarded-For header looks like a browser on this machine. " +
        "Set DESK_TOKEN (e.g. openssl rand -hex 32) to use the local desk, or SLACK_BOT_TOKEN for the Slack desk.",
    );
  }
  const host = settings.host.toLowerCase();
  if (WILDCARD_HOSTS.has(host) || host === "localhost" || isLoopback(host.replace(/^\[|\]$/g, ""))) {
    return undefined;
  }
  return `HOST=${settings.host} does not listen on loopback, so without DESK_TOKEN nobody can open the desk: set DESK_TOKEN or HOST=0.0.0.0`;
}
