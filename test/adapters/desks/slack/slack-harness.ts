import { createHmac } from "node:crypto";
import type { Server } from "node:http";
import { Keyv } from "keyv";
import {
  createSlackDesk,
  type SlackDesk,
  type SlackDeskOptions,
} from "../../../../adapters/desks/slack/slack-desk.ts";
import { type App, createApp } from "../../../../src/app/create-app.ts";
import { httpHostOf } from "../../../../src/app/http-host.ts";
import { createSilentLogger } from "../../../../src/core/logger.ts";
import { createHttpApp } from "../../../../src/http/create-http-app.ts";
import { closeServer, listen } from "../../../../src/http/listen.ts";
import { createDeskTicketActions } from "../../../../src/tickets/desk-ticket-actions.ts";
import { createCaptureAdapter, testConfig } from "../../../helpers/bot-harness.ts";
import { type FakeSlackApi, startFakeSlackApi } from "./fake-slack-api.ts";

export const SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
export const DESK_CHANNEL = "CDESK0001";
export const MINA = "UMINA0001";
export const JOON = "UJOON0001";

export interface SlackHarness {
  app: App;
  desk: SlackDesk;
  api: FakeSlackApi;
  /** `http://127.0.0.1:<port>/slack/events` on the bot's own HTTP server. */
  eventsUrl: string;
  /** Base URL of the bot's HTTP server (for /healthz). */
  baseUrl: string;
  close(): Promise<void>;
}

/**
 * The core with the real Slack desk (Bolt, WebClient) against a local Slack Web API server, the
 * bot's Hono routes served on 127.0.0.1, and a capture adapter on the customer's `test` channel.
 */
export async function startSlackHarness(
  deskOptions: Partial<SlackDeskOptions> = {},
  overrides: Record<string, string> = {},
): Promise<SlackHarness> {
  const api = await startFakeSlackApi();
  api.users.set(MINA, { name: "mina.k", real_name: "Mina Kim", display_name: "Mina" });
  api.users.set(JOON, { name: "joon.p", real_name: "Joon Park", display_name: "Joon" });
  const logger = createSilentLogger();
  let app: App | undefined;
  const desk = createSlackDesk({
    token: "xoxb-test-token",
    signingSecret: SIGNING_SECRET,
    apiUrl: api.url,
    defaultChannel: DESK_CHANNEL,
    teamChannels: { billing: "CBILL0001", "technical support": "CTECH0001" },
    teamGroups: { billing: "SBILL0001" },
    threads: () => {
      if (!app) throw new Error("the app is not created yet");
      return app.stores.namespace<string>("slack-desk");
    },
    logger,
    retry: { retries: 1, minTimeoutMs: 10, maxTimeoutMs: 20 },
    timeoutMs: 2_000,
    processBeforeResponse: true,
    ...deskOptions,
  });
  app = await createApp({ config: testConfig(overrides), logger, desk });
  app.channels.register(createCaptureAdapter("test"));
  let server: Server | undefined;
  try {
    await desk.start(app.handoff, {
      blocks: app.blocks,
      tickets: createDeskTicketActions({ handoff: app.handoff, tickets: app.tickets }),
    });
    const http = createHttpApp(httpHostOf(app), [desk.http]);
    const listening = await listen(http, 0, "127.0.0.1");
    server = listening.server;
    const baseUrl = `http://127.0.0.1:${listening.port}`;
    const created = app;
    return {
      app: created,
      desk,
      api,
      eventsUrl: `${baseUrl}/slack/events`,
      baseUrl,
      async close() {
        if (server) await closeServer(server);
        await desk.stop();
        await created.close();
        await api.close();
      },
    };
  } catch (error) {
    await desk.stop();
    await app.close();
    await api.close();
    throw error;
  }
}

/** A Keyv for desks created outside the core (unit-level tests). */
export const memoryThreads = () => new Keyv<string>();

/** Signs like Slack: `v0=` + HMAC-SHA256(`v0:<ts>:<body>`). */
export function slackSignature(body: string, timestamp: number, secret = SIGNING_SECRET): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}

export interface SendOptions {
  timestamp?: number;
  secret?: string;
  signature?: string;
  headers?: Record<string, string>;
}

/** POSTs a body to the events URL signed as Slack would (or forged/stale, via `options`). */
export async function postSigned(
  url: string,
  body: string,
  contentType: string,
  options: SendOptions = {},
): Promise<Response> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  return fetch(url, {
    method: "POST",
    headers: {
      "content-type": contentType,
      "x-slack-request-timestamp": String(timestamp),
      "x-slack-signature": options.signature ?? slackSignature(body, timestamp, options.secret),
      ...options.headers,
    },
    body,
  });
}

let eventSeq = 0;

/** An Events API `message` event in a thread, as JSON. */
export function threadMessage(
  message: { channel: string; threadTs: string; user?: string; text: string } & Record<string, unknown>,
): { body: string; eventId: string; ts: string } {
  const { channel, threadTs, user, text, ...extra } = message;
  const ts = `1700001000.${String(++eventSeq).padStart(6, "0")}`;
  const eventId = `Ev${String(eventSeq).padStart(8, "0")}`;
  const event = {
    type: "message",
    channel,
    user,
    text,
    ts,
    thread_ts: threadTs,
    channel_type: "channel",
    ...extra,
  };
  const body = JSON.stringify({
    token: "legacy",
    team_id: "T0001",
    api_app_id: "A0001",
    type: "event_callback",
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    event,
    authorizations: [{ team_id: "T0001", user_id: "UBOT0001", is_bot: true }],
  });
  return { body, eventId, ts };
}

/** A `block_actions` interaction for one of the packet's buttons, form-encoded as Slack sends it. */
export function blockAction(action: {
  actionId: string;
  conversation: string;
  user: string;
  channel: string;
  messageTs: string;
}): string {
  const payload = {
    type: "block_actions",
    team: { id: "T0001", domain: "acme" },
    user: { id: action.user, username: `${action.user.toLowerCase()}.handle`, team_id: "T0001" },
    api_app_id: "A0001",
    token: "legacy",
    container: {
      type: "message",
      message_ts: action.messageTs,
      channel_id: action.channel,
      is_ephemeral: false,
    },
    trigger_id: `trigger.${++eventSeq}`,
    channel: { id: action.channel, name: "support-desk" },
    message: { type: "message", ts: action.messageTs, text: "hand-off" },
    response_url: "http://127.0.0.1:9/unused",
    actions: [
      {
        type: "button",
        action_id: action.actionId,
        block_id: "handoff_actions",
        value: action.conversation,
        text: { type: "plain_text", text: "button" },
        action_ts: `1700002000.${String(++eventSeq).padStart(6, "0")}`,
      },
    ],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** A `view_submission` of a form, with its fields' values, form-encoded as Slack sends it. */
export function viewSubmission(submission: {
  user: string;
  callbackId: string;
  privateMetadata: string;
  values: Record<string, Record<string, unknown>>;
}): string {
  const payload = {
    type: "view_submission",
    team: { id: "T0001", domain: "acme" },
    user: { id: submission.user, username: `${submission.user.toLowerCase()}.handle`, team_id: "T0001" },
    api_app_id: "A0001",
    token: "legacy",
    trigger_id: `trigger.${++eventSeq}`,
    view: {
      id: `V${++eventSeq}`,
      type: "modal",
      callback_id: submission.callbackId,
      private_metadata: submission.privateMetadata,
      state: { values: submission.values },
      hash: `hash.${eventSeq}`,
    },
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** A slash command, form-encoded as Slack sends it. */
export function slashCommand(command: {
  command: string;
  text: string;
  user: string;
  channel: string;
}): string {
  return new URLSearchParams({
    token: "legacy",
    team_id: "T0001",
    team_domain: "acme",
    channel_id: command.channel,
    channel_name: "support-desk",
    user_id: command.user,
    user_name: `${command.user.toLowerCase()}.handle`,
    command: command.command,
    text: command.text,
    api_app_id: "A0001",
    response_url: "http://127.0.0.1:9/unused",
    trigger_id: `trigger.${++eventSeq}`,
  }).toString();
}

export const FORM = "application/x-www-form-urlencoded";
export const JSON_TYPE = "application/json";
