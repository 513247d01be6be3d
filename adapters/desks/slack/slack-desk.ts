import { App } from "@slack/bolt";
import { Hono } from "hono";
import type { Keyv } from "keyv";
import type { ChannelHealth } from "../../../src/core/adapter.ts";
import type { HttpContribution } from "../../../src/core/http-contribution.ts";
import type { Logger } from "../../../src/core/logger.ts";
import type { Desk, DeskRef, HandoffPacket } from "../../../src/handoff/desk.ts";
import { ConfigError, isTransient, PlatformError } from "../../../src/model/errors.ts";
import type { DeskTicketActions } from "../../../src/tickets/desk-ticket-actions.ts";
import { createBoltLogger } from "./bolt-logger.ts";
import { escapeMrkdwn } from "./mrkdwn.ts";
import { renderLine, renderPacket, type SlackMessage } from "./packet-blocks.ts";
import { createSlackApi, describeFailure, type SlackApi, webClientRetryConfig } from "./slack-api.ts";
import { type BlockActions, registerSlackBlocking } from "./slack-blocking.ts";
import { createSlackHttpReceiver } from "./slack-http-receiver.ts";
import { type DeskActions, registerSlackInbound } from "./slack-inbound.ts";
import { createSlackThreads } from "./slack-threads.ts";
import { registerSlackTicketInbound } from "./slack-ticket-inbound.ts";
import { createSlackUserNames } from "./slack-users.ts";

export type { BlockActions } from "./slack-blocking.ts";
export type { DeskActions } from "./slack-inbound.ts";

export interface SlackDeskOptions {
  /** Bot User OAuth Token (`xoxb-…`). */
  token: string;
  /** HTTP mode: Slack posts to `/slack/events` (mount {@link SlackDesk.routes}). */
  signingSecret?: string;
  /** Socket Mode (`xapp-…`); wins over `signingSecret` when both are set. */
  appToken?: string;
  /** Default `https://slack.com/api/`; tests and staging point it at a local server. */
  apiUrl?: string;
  /** Channel id for hand-offs without a team mapping. */
  defaultChannel: string;
  /** Category id or team name (lower-case) → channel id. */
  teamChannels?: Record<string, string>;
  /** Category id or team name (lower-case) → user-group id mentioned on the packet. */
  teamGroups?: Record<string, string>;
  /** Thread map and dedupe keys; a function when the store is created after the desk (createApp). */
  threads: Keyv<string> | (() => Keyv<string>);
  logger: Logger;
  /** Network/5xx retries by the WebClient. Default 2 retries, 0.5 s then 1 s. */
  retry?: { retries?: number; minTimeoutMs?: number; maxTimeoutMs?: number };
  /** Per-request timeout. Default 10 s. */
  timeoutMs?: number;
  /** `ratelimited` retries after Retry-After, then the error is surfaced. Default 3. */
  maxRateLimitRetries?: number;
  /** Longer Retry-After values are surfaced at once instead of waited out. Default 30 s. */
  maxRetryAfterSeconds?: number;
  /** How long a thread stays routable to its conversation. Default 30 days. */
  threadTtlMs?: number;
  /** Answer Slack's HTTP requests after processing (serverless, tests). Default false. */
  processBeforeResponse?: boolean;
  now?: () => number;
  /**
   * Slack as a customer channel on this same app: given the Bolt app and the Web API calls before
   * the app starts, it adds its own listeners (adapters/channels/slack, wired in src/app).
   */
  customers?: { attach(platform: { bolt: App; api: SlackApi }): void };
}

/** The Slack desk: a {@link Desk} plus the HTTP routes Slack calls and its lifecycle. */
export interface SlackDesk extends Desk {
  readonly mode: "http" | "socket";
  /** `POST /slack/events` in HTTP mode; empty in Socket Mode. */
  readonly routes: Hono;
  /** What the bot's HTTP server mounts: {@link routes} in HTTP mode, nothing in Socket Mode. */
  readonly http: HttpContribution;
  /**
   * Verifies the token (`auth.test`) and starts receiving; people's actions go to `actions`, and
   * blocking (the packet's Block button, the slash commands) to `blocks` when given.
   */
  start(
    actions: DeskActions,
    extras?: { blocks?: BlockActions | undefined; tickets?: DeskTicketActions | undefined },
  ): Promise<void>;
  stop(): Promise<void>;
  /** Draws the team's attention (SLA warning or breach): a thread reply mentioning its group. */
  alert(ref: DeskRef, packet: HandoffPacket, text: string): Promise<void>;
  /**
   * Posts "Still unclaimed — SLA warning" in the packet's thread, mentioning the team's group.
   * Resolves false (posts nothing) when the hand-off is unknown or no longer waiting.
   */
  repingUnclaimed(conversation: string): Promise<boolean>;
}

const MAX_PENDING_LINES = 100;

/**
 * Hand-offs in Slack with Bolt: one Block Kit packet per hand-off in the team's channel, the
 * conversation mirrored in its thread, and people's buttons and thread replies sent back to the
 * core. HTTP mode uses a receiver fed by the bot's own Hono server; Socket Mode uses Bolt's.
 * @see https://docs.slack.dev/tools/bolt-js/getting-started
 * @see https://docs.slack.dev/apis/events-api/using-socket-mode
 */
export function createSlackDesk(options: SlackDeskOptions): SlackDesk {
  if (!options.signingSecret && !options.appToken) {
    throw new ConfigError(
      "The Slack desk needs SLACK_SIGNING_SECRET (HTTP mode) or SLACK_APP_TOKEN (Socket Mode) besides SLACK_BOT_TOKEN.",
    );
  }
  const log = options.logger.child({ component: "slack-desk" });
  const apiUrl = options.apiUrl ?? "https://slack.com/api/";
  const mode = options.appToken ? "socket" : "http";
  const stopping = new AbortController();
  const receiver =
    mode === "http" && options.signingSecret
      ? createSlackHttpReceiver({
          signingSecret: options.signingSecret,
          logger: options.logger,
          ...(options.processBeforeResponse ? { processBeforeResponse: true } : {}),
          ...(options.now ? { now: options.now } : {}),
        })
      : undefined;
  const bolt = new App({
    token: options.token,
    ...(receiver
      ? { receiver }
      : { socketMode: true, ...(options.appToken ? { appToken: options.appToken } : {}) }),
    logger: createBoltLogger(options.logger),
    deferInitialization: true,
    clientOptions: {
      slackApiUrl: apiUrl,
      // Our own loop honours Retry-After (and gives up when a customer would wait too long).
      rejectRateLimitedCalls: true,
      timeout: options.timeoutMs ?? 10_000,
      retryConfig: webClientRetryConfig(options.retry ?? {}),
    },
  });
  bolt.error(async (error) => {
    log.error({ err: error }, "a Slack listener failed");
  });

  const api = createSlackApi({
    client: bolt.client,
    apiUrl,
    logger: options.logger,
    maxRateLimitRetries: options.maxRateLimitRetries ?? 3,
    maxRetryAfterSeconds: options.maxRetryAfterSeconds ?? 30,
    signal: stopping.signal,
  });
  const store = options.threads;
  const threads = createSlackThreads(
    typeof store === "function" ? store : () => store,
    options.threadTtlMs ?? 30 * 24 * 3600 * 1000,
  );
  const users = createSlackUserNames({
    api,
    logger: options.logger,
    ...(options.now ? { now: options.now } : {}),
  });
  let actions: DeskActions | undefined;
  let blocks: BlockActions | undefined;
  let tickets: DeskTicketActions | undefined;
  let started = false;
  registerSlackInbound({ bolt, api, users, threads, actions: () => actions, logger: options.logger });
  registerSlackTicketInbound({ bolt, api, users, threads, tickets: () => tickets, logger: options.logger });
  registerSlackBlocking({
    bolt,
    api,
    users,
    threads,
    blocks: () => blocks,
    deskChannels: new Set([options.defaultChannel, ...Object.values(options.teamChannels ?? {})]),
    logger: options.logger,
  });
  options.customers?.attach({ bolt, api });

  /** The team's channel and user group: by category id, then team name, else the default channel. */
  function routeOf(packet: HandoffPacket): { channel: string; group?: string } {
    const keys = [packet.category, packet.team]
      .filter((key): key is string => !!key)
      .map((key) => key.toLowerCase());
    const pick = (map: Record<string, string> = {}) =>
      keys.map((key) => map[key]).find((id) => id !== undefined);
    const group = pick(options.teamGroups);
    return { channel: pick(options.teamChannels) ?? options.defaultChannel, ...(group ? { group } : {}) };
  }

  function slackRef(ref: DeskRef): { channel: string; ts: string } {
    const { channel, ts } = ref;
    if (!channel || !ts) throw new Error(`not a Slack desk reference: ${JSON.stringify(ref)}`);
    return { channel, ts };
  }

  // Thread lines Slack refused, kept in order and posted before the thread's next line.
  const pending = new Map<string, SlackMessage[]>();

  async function postInThread(ref: { channel: string; ts: string }, message: SlackMessage): Promise<void> {
    const key = `${ref.channel}:${ref.ts}`;
    const queue = pending.get(key) ?? [];
    queue.push(message);
    pending.set(key, queue);
    for (let next = queue[0]; next; next = queue[0]) {
      try {
        await api.call("chat.postMessage", {
          channel: ref.channel,
          thread_ts: ref.ts,
          unfurl_links: false,
          ...next,
        });
        queue.shift();
      } catch (error) {
        if (!isTransient(error)) {
          // Slack will never take this line (already logged): later lines must not wait behind it.
          queue.shift();
          log.warn({ ...ref, pending: queue.length }, "dropped a thread line Slack cannot take");
          continue;
        }
        const dropped = queue.splice(0, Math.max(0, queue.length - MAX_PENDING_LINES)).length;
        if (dropped > 0)
          log.error({ ...ref, dropped }, "dropped the oldest unposted thread lines: Slack is down too long");
        log.warn(
          { ...ref, pending: queue.length },
          "thread line(s) kept: they are posted with the thread's next line",
        );
        return;
      }
    }
    pending.delete(key);
  }

  /**
   * A reminder in the packet's thread that also shows in the channel (`reply_broadcast`), so it is
   * not lost among thread replies, mentioning the team's user group when there is one.
   * @see https://docs.slack.dev/reference/methods/chat.postMessage#arg_reply_broadcast
   */
  async function ping(ref: { channel: string; ts: string }, group: string | undefined, text: string) {
    const mention = group ? `<!subteam^${group}> ` : "";
    await api.call("chat.postMessage", {
      channel: ref.channel,
      thread_ts: ref.ts,
      reply_broadcast: true,
      text: `${mention}:alarm_clock: ${escapeMrkdwn(text)}`,
    });
  }

  return {
    name: "slack",
    mode,
    routes: receiver?.routes ?? new Hono(),
    http: receiver ? { routes: [receiver.routes] } : {},

    async open(packet) {
      const { channel, group } = routeOf(packet);
      const posted = await api.call("chat.postMessage", {
        channel,
        ...renderPacket(packet, { group, teams: tickets?.teams() }),
        unfurl_links: false,
        unfurl_media: false,
      });
      if (typeof posted.ts !== "string") {
        throw new PlatformError(
          `chat.postMessage in ${channel} answered without a message ts: check SLACK_API_URL`,
        );
      }
      const ref = { channel: typeof posted.channel === "string" ? posted.channel : channel, ts: posted.ts };
      await threads.remember(packet.conversation, {
        ...ref,
        status: packet.status,
        ...(group ? { group } : {}),
      });
      log.info({ conversation: packet.conversation, ...ref }, "hand-off packet posted");
      return ref;
    },

    async update(ref, packet) {
      const target = slackRef(ref);
      const stored = await threads.setStatus(packet.conversation, packet.status);
      const group = stored ? stored.group : routeOf(packet).group;
      await api.call("chat.update", {
        ...target,
        ...renderPacket(packet, { group, teams: tickets?.teams() }),
      });
    },

    async relay(ref, line) {
      const message = renderLine(line);
      if (message) await postInThread(slackRef(ref), message);
    },

    async transferred(ref, packet, text) {
      // The new team may read another channel: a pointer there (with their group) to the thread.
      const target = slackRef(ref);
      // By the new team only: the category still names the team it came from.
      const { category: _from, ...byTeam } = packet;
      const { channel, group } = routeOf(byTeam);
      if (channel === target.channel) return;
      const mention = group ? `<!subteam^${group}> ` : "";
      await api.call("chat.postMessage", {
        channel,
        text: `${mention}:arrow_right: ${escapeMrkdwn(text)} — the conversation is in <#${target.channel}>, thread ${target.ts}.`,
        unfurl_links: false,
      });
    },

    async alert(ref, packet, text) {
      const stored = await threads.handoff(packet.conversation);
      await ping(slackRef(ref), stored ? stored.group : routeOf(packet).group, text);
    },

    async repingUnclaimed(conversation) {
      const ref = await threads.handoff(conversation);
      if (ref?.status !== "queued") return false;
      await ping(ref, ref.group, "Still unclaimed — SLA warning. Press Claim on the packet to take it.");
      return true;
    },

    health: (): ChannelHealth => api.health(),

    async start(deskActions, extras) {
      actions = deskActions;
      blocks = extras?.blocks;
      tickets = extras?.tickets;
      try {
        await bolt.init();
      } catch (error) {
        const failure = describeFailure("auth.test", undefined, error, apiUrl);
        api.setHealth({ status: "down", detail: failure.message });
        log.error({ err: error }, failure.message);
        throw failure;
      }
      await bolt.start();
      started = true;
      api.setHealth({ status: "up" });
      log.info({ mode, apiUrl }, "Slack desk started");
    },

    async stop() {
      stopping.abort();
      if (started) await bolt.stop();
      started = false;
      actions = undefined;
      blocks = undefined;
      tickets = undefined;
    },
  };
}
