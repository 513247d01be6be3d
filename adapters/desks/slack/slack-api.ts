import { setTimeout as sleep } from "node:timers/promises";
import { webApi } from "@slack/bolt";
import type { ChannelHealth } from "../../../src/core/adapter.ts";
import type { Logger } from "../../../src/core/logger.ts";
import {
  HandlerError,
  isNetworkFailure,
  NetworkError,
  PlatformError,
  type SwitchboardError,
} from "../../../src/model/errors.ts";
import { wellFormedDeep } from "../../../src/model/well-formed.ts";

type WebClient = webApi.WebClient;
type WebAPICallResult = webApi.WebAPICallResult & Record<string, unknown>;

/** The scopes the desk needs; named in every scope-related error. */
export const REQUIRED_SCOPES = "chat:write, users:read, channels:join, channels:history, groups:history";

// Slack failed on its side: the same call may well succeed later.
// @see https://docs.slack.dev/reference/methods/chat.postMessage#errors
const SERVER_ERRORS = new Set(["internal_error", "fatal_error", "service_unavailable", "request_timeout"]);

const AUTH_ERRORS = new Set([
  "invalid_auth",
  "not_authed",
  "token_revoked",
  "token_expired",
  "account_inactive",
]);

export interface SlackApiOptions {
  client: WebClient;
  apiUrl: string;
  logger: Logger;
  /** How often a `ratelimited` answer is retried (after its Retry-After) before it is surfaced. */
  maxRateLimitRetries: number;
  /** Longer Retry-After waits are not sat out: a customer may be waiting on the call. */
  maxRetryAfterSeconds: number;
  /** Aborts pending waits when the desk stops. */
  signal: AbortSignal;
}

/** Slack Web API calls with the desk's error policy, and the health that policy reports. */
export interface SlackApi {
  /**
   * Calls a Web API method. `not_in_channel` → `conversations.join` once, then the call again;
   * `ratelimited` → waits Retry-After and retries; network failures and 5xx were already retried
   * by the WebClient (`retryConfig` with {@link retryOnlyTransient}). What still fails is logged
   * with the operator's action, marks the desk degraded and is thrown as a {@link PlatformError}
   * (Slack refused), a {@link NetworkError} (unreachable, or failed on Slack's side) or a
   * {@link HandlerError} (the request itself is broken: a bug). Strings in `args` are made
   * well-formed first: the WebClient URL-encodes them, and a lone surrogate throws a URIError.
   */
  call(method: string, args: Record<string, unknown>): Promise<WebAPICallResult>;
  health(): ChannelHealth;
  setHealth(health: ChannelHealth): void;
}

/**
 * @see https://docs.slack.dev/apis/web-api/rate-limits
 * @see https://docs.slack.dev/reference/methods/conversations.join
 * @see https://docs.slack.dev/tools/node-slack-sdk/web-api#handle-errors
 */
export function createSlackApi(options: SlackApiOptions): SlackApi {
  const log = options.logger.child({ component: "slack-api" });
  let health: ChannelHealth = { status: "starting" };

  async function call(method: string, args: Record<string, unknown>): Promise<WebAPICallResult> {
    const channel = typeof args.channel === "string" ? args.channel : undefined;
    let joined = false;
    let rateLimited = 0;
    for (;;) {
      try {
        const result = (await options.client.apiCall(method, wellFormedDeep(args))) as WebAPICallResult;
        if (health.status !== "up" && health.status !== "starting") {
          log.info({ method }, "Slack calls succeed again");
        }
        if (health.status !== "starting") health = { status: "up" };
        return result;
      } catch (error) {
        const code = platformCode(error);
        if (code === "not_in_channel" && channel && !joined && method !== "conversations.join") {
          joined = true;
          log.info({ channel }, "the bot is not in the desk channel: joining it");
          await options.client.apiCall("conversations.join", { channel }).catch((joinError: unknown) => {
            throw fail(method, channel, joinError, "conversations.join");
          });
          continue;
        }
        const retryAfter = rateLimitedFor(error);
        if (retryAfter !== undefined && rateLimited < options.maxRateLimitRetries) {
          if (retryAfter <= options.maxRetryAfterSeconds) {
            rateLimited++;
            log.warn({ method, retryAfter, attempt: rateLimited }, "Slack rate-limited the bot: retrying");
            await sleep(retryAfter * 1000, undefined, { signal: options.signal });
            continue;
          }
        }
        throw fail(method, channel, error, undefined, rateLimited);
      }
    }
  }

  function fail(
    method: string,
    channel: string | undefined,
    error: unknown,
    joinMethod?: string,
    rateLimitRetries = 0,
  ): SwitchboardError {
    const failure = describeFailure(method, channel, error, options.apiUrl, joinMethod, rateLimitRetries);
    log.error({ err: error, method, channel }, failure.message);
    health = { status: "degraded", detail: failure.message };
    return failure;
  }

  return {
    call,
    health: () => health,
    setHealth(next) {
      health = next;
    },
  };
}

/**
 * The WebClient's retry policy: network failures and 5xx, `retries` times with back-off (default
 * 2, 0.5 s then 1 s). Anything else fails at once: without {@link retryOnlyTransient} the client
 * retried every error, a URIError or a 400 too, and the desk's thread queue waited behind each.
 */
export function webClientRetryConfig(retry: {
  retries?: number;
  minTimeoutMs?: number;
  maxTimeoutMs?: number;
}): webApi.RetryOptions {
  // The WebClient hands this object to p-retry as is: `onFailedAttempt` is p-retry's option,
  // which throwing stops the retries (the SDK's type does not list it).
  const config = {
    retries: retry.retries ?? 2,
    factor: 2,
    minTimeout: retry.minTimeoutMs ?? 500,
    maxTimeout: retry.maxTimeoutMs ?? 1_000,
    randomize: false,
    onFailedAttempt: retryOnlyTransient,
  };
  return config;
}

/** Lets p-retry retry network failures and 5xx; throws anything else so that it fails at once. */
export function retryOnlyTransient(error: Error): void {
  if (error instanceof webApi.WebAPIRequestError && isNetworkFailure(error.original)) return;
  if (error instanceof webApi.WebAPIHTTPError && error.statusCode >= 500) return;
  throw error;
}

function platformCode(error: unknown): string | undefined {
  if (error instanceof webApi.WebAPIPlatformError) return error.data.error;
  return undefined;
}

/** Seconds to wait for a rate-limited call: HTTP 429 with Retry-After, or a `ratelimited` body. */
function rateLimitedFor(error: unknown): number | undefined {
  if (error instanceof webApi.WebAPIRateLimitedError) return error.retryAfter;
  if (error instanceof webApi.WebAPIPlatformError && error.data.error === "ratelimited") {
    return error.data.response_metadata?.retryAfter ?? 1;
  }
  return undefined;
}

/** Turns a Slack failure into our error hierarchy, with what the operator should do. */
export function describeFailure(
  method: string,
  channel: string | undefined,
  error: unknown,
  apiUrl: string,
  joinMethod?: string,
  rateLimitRetries = 0,
): SwitchboardError {
  const where = channel ? ` in channel ${channel}` : "";
  const prefix = joinMethod
    ? `${method}${where} failed (not_in_channel) and ${joinMethod}`
    : `${method}${where}`;
  if (error instanceof webApi.WebAPIRateLimitedError || platformCode(error) === "ratelimited") {
    const retryAfter = rateLimitedFor(error) ?? 0;
    return new PlatformError(
      `${prefix} was rate-limited by Slack (retried ${rateLimitRetries} time(s), Retry-After ${retryAfter}s): too many messages; it recovers by itself, check for loops if it persists`,
      429,
      { cause: error },
    );
  }
  if (error instanceof webApi.WebAPIPlatformError && SERVER_ERRORS.has(error.data.error)) {
    return new NetworkError(
      `${prefix} failed on Slack's side (${error.data.error}); it is retried with the next line. Check https://slack-status.com if it persists.`,
      { cause: error },
    );
  }
  if (error instanceof webApi.WebAPIPlatformError) {
    const code = error.data.error;
    const data = error.data as unknown as Record<string, unknown>;
    const needed = typeof data.needed === "string" ? data.needed : undefined;
    return new PlatformError(
      `${prefix} failed: ${code}. ${operatorAction(code, channel, needed)}`,
      undefined,
      {
        cause: error,
      },
    );
  }
  if (error instanceof webApi.WebAPIHTTPError && error.statusCode < 500) {
    return new PlatformError(
      `${prefix} failed: Slack answered HTTP ${error.statusCode}. Check SLACK_API_URL (${apiUrl}).`,
      error.statusCode,
      { cause: error },
    );
  }
  const network =
    error instanceof webApi.WebAPIRequestError
      ? isNetworkFailure(error.original)
      : error instanceof webApi.WebAPIHTTPError;
  if (!network) {
    // Thrown before or around the request (a URIError while encoding, a TypeError…): the same
    // request fails the same way every time, so it is not retried. The error's name and message
    // only, never the arguments: they carry the customer's text.
    const original = error instanceof webApi.WebAPIRequestError ? error.original : error;
    const what = original instanceof Error ? `${original.name}: ${original.message}` : String(original);
    return new HandlerError(
      `${prefix} could not be sent (${what}); not retried. This is a bug in Switchboard: please report it with this log line.`,
      { cause: error },
    );
  }
  const reason =
    error instanceof webApi.WebAPIRequestError
      ? (error.original.cause as Error | undefined)?.message || error.original.message
      : `HTTP ${(error as webApi.WebAPIHTTPError).statusCode}`;
  return new NetworkError(
    `${prefix} failed: the Slack API at ${apiUrl} could not be reached (${reason}) after retries. Check the network, proxy and SLACK_API_URL.`,
    { cause: error },
  );
}

function operatorAction(code: string, channel: string | undefined, needed: string | undefined): string {
  const target = channel ? `<#${channel}>` : "the desk channel";
  if (code === "not_in_channel" || code === "method_not_supported_for_channel_type")
    return `Invite the bot to ${target} (/invite @<bot name>), or give it the channels:join scope.`;
  if (code === "channel_not_found")
    return `Check SLACK_DESK_CHANNEL / SLACK_TEAM_CHANNELS: ${channel ?? "the channel"} does not exist or is private — invite the bot to private channels.`;
  if (code === "is_archived") return `${target} is archived: unarchive it or route to another channel.`;
  if (code === "missing_scope")
    return `Check SLACK_BOT_TOKEN scopes: ${REQUIRED_SCOPES}${needed ? ` (missing: ${needed})` : ""}; reinstall the app after adding them.`;
  if (AUTH_ERRORS.has(code))
    return "SLACK_BOT_TOKEN was rejected: reinstall the Slack app and set the new Bot User OAuth Token (xoxb-…).";
  return `Check SLACK_BOT_TOKEN scopes: ${REQUIRED_SCOPES}.`;
}
