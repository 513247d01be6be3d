import type { App, Receiver, ReceiverEvent } from "@slack/bolt";
import { Hono } from "hono";
import { z } from "zod";
import type { Logger } from "../../../src/core/logger.ts";
import { limitBody } from "../../../src/http/body-limit.ts";
import { verifySlackSignature } from "./slack-signature.ts";

/** Where Slack posts events, interactivity and commands (the app manifest's request URLs). */
export const SLACK_EVENTS_PATH = "/slack/events";

/**
 * Largest request body Slack's requests may have, in bytes. Events and button clicks are a few
 * KiB; the largest are `view_submission` payloads carrying a whole modal (up to 100 blocks), well
 * under 1 MiB. The body must be read to check its signature, so this caps what anyone can make
 * the bot buffer on this public route.
 */
export const MAX_SLACK_BODY_BYTES = 1024 * 1024;

/** Bodies are UTF-8 (JSON or form encoding); after the signature matched, anything else is refused. */
const utf8 = new TextDecoder("utf-8", { fatal: true });

export interface SlackHttpReceiverOptions {
  signingSecret: string;
  logger: Logger;
  /**
   * Answer Slack only after the listeners finished (serverless hosts, deterministic tests).
   * Default false: answer as soon as the request is acknowledged, then process.
   */
  processBeforeResponse?: boolean;
  now?: () => number;
}

/** A Bolt receiver fed by a Hono route, so Slack's requests share the bot's HTTP server and PORT. */
export interface SlackHttpReceiver extends Receiver {
  readonly routes: Hono;
}

const urlVerificationSchema = z.object({ type: z.literal("url_verification"), challenge: z.string() });

/**
 * Receives Slack's HTTP requests on `POST /slack/events`: verifies the signature, parses the body
 * (JSON for events, `payload=` form field for interactivity, plain form for slash commands),
 * answers `url_verification` itself, then hands the body to `app.processEvent` and answers when a
 * listener calls `ack()` — Slack wants an answer within three seconds, the work goes on after.
 * Like Bolt's own receivers it verifies, parses and acknowledges; all routing stays in the app.
 * @see https://docs.slack.dev/tools/bolt-js/concepts/receiver
 * @see https://docs.slack.dev/apis/events-api/#handshake
 */
export function createSlackHttpReceiver(options: SlackHttpReceiverOptions): SlackHttpReceiver {
  const log = options.logger.child({ component: "slack-receiver" });
  const now = options.now ?? Date.now;
  let bolt: App | undefined;
  let accepting = false;
  // Requests acknowledged but still being processed: `stop` waits for them.
  const inFlight = new Set<Promise<void>>();
  const routes = new Hono();

  routes.post(SLACK_EVENTS_PATH, limitBody(MAX_SLACK_BODY_BYTES), async (c) => {
    const rawBody = new Uint8Array(await c.req.arrayBuffer());
    const verdict = verifySlackSignature({
      signingSecret: options.signingSecret,
      rawBody,
      timestamp: c.req.header("x-slack-request-timestamp"),
      signature: c.req.header("x-slack-signature"),
      nowMs: now(),
    });
    if (!verdict.ok) {
      log.warn(
        { reason: verdict.reason },
        verdict.reason === "stale timestamp"
          ? "rejected a Slack request with a stale timestamp: check this host's clock (NTP) if it keeps happening"
          : "rejected a Slack request with an invalid signature: check SLACK_SIGNING_SECRET if it keeps happening",
      );
      return c.text("invalid request signature", 401);
    }
    const body = parseBody(rawBody, c.req.header("content-type") ?? "");
    if (!body) return c.text("unreadable body", 400);
    const challenge = urlVerificationSchema.safeParse(body);
    if (challenge.success) return c.json({ challenge: challenge.data.challenge });
    if (body.ssl_check !== undefined) return c.body(null, 200);
    if (!bolt || !accepting) return c.text("the Slack desk is starting", 503);

    let acked = false;
    let ackBody: unknown;
    let onAck: () => void = () => undefined;
    const ackCalled = new Promise<void>((resolve) => {
      onAck = resolve;
    });
    const retryNum = Number(c.req.header("x-slack-retry-num"));
    const retryReason = c.req.header("x-slack-retry-reason");
    const event: ReceiverEvent = {
      body,
      ack: async (response?: unknown) => {
        if (acked) return;
        acked = true;
        ackBody = response;
        onAck();
      },
      ...(Number.isInteger(retryNum) ? { retryNum } : {}),
      ...(retryReason ? { retryReason } : {}),
    };
    let failed = false;
    const processing = bolt
      .processEvent(event)
      .catch((error: unknown) => {
        failed = true;
        log.warn(
          { err: error },
          "a signed Slack request could not be processed: Bolt could not read its body",
        );
      })
      .finally(() => inFlight.delete(processing));
    inFlight.add(processing);
    if (options.processBeforeResponse) await processing;
    else await Promise.race([ackCalled, processing]);
    // Bolt hands listener and middleware errors to the app's error handler, so processEvent only
    // fails on a body it cannot read (a signed payload without `user`, `team` or a usable `event`):
    // retrying it would fail again, so it is a 400, not a 500 that makes Slack resend it.
    if (!acked && failed) return c.text("unreadable Slack payload", 400);
    if (ackBody === undefined || ackBody === "") return c.body(null, 200);
    return typeof ackBody === "string" ? c.text(ackBody) : c.json(ackBody as object);
  });

  return {
    routes,
    init(app) {
      bolt = app;
    },
    async start() {
      accepting = true;
    },
    async stop() {
      accepting = false;
      await Promise.all(inFlight);
    },
  };
}

/** JSON events, or form bodies: interactivity sends `payload=<json>`, slash commands plain fields. */
function parseBody(bytes: Uint8Array, contentType: string): Record<string, unknown> | undefined {
  try {
    const raw = utf8.decode(bytes);
    if (contentType.includes("application/x-www-form-urlencoded")) {
      const form = new URLSearchParams(raw);
      const payload = form.get("payload");
      if (payload !== null) return asRecord(JSON.parse(payload));
      return Object.fromEntries(form);
    }
    return asRecord(JSON.parse(raw));
  } catch {
    return undefined;
  }
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}
