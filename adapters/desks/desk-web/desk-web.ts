import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Hono } from "hono";
import type { BlockService } from "../../../src/abuse/block-service.ts";
import type { HttpContribution } from "../../../src/core/http-contribution.ts";
import type { Logger } from "../../../src/core/logger.ts";
import type { TranscriptStore } from "../../../src/core/transcript.ts";
import type { HandoffService } from "../../../src/handoff/handoff-service.ts";
import type { LocalDesk } from "../../../src/handoff/local-desk.ts";
import { limitBody } from "../../../src/http/body-limit.ts";
import { localAddressOf, remoteAddressOf } from "../../../src/http/request-socket.ts";
import type { TicketService } from "../../../src/tickets/ticket-service.ts";
import { checkDeskAccess, presentedToken } from "./desk-access.ts";
import { createDeskApi } from "./desk-api.ts";
import { createDeskInboxApi } from "./desk-inbox-api.ts";
import { createDeskSocket } from "./desk-socket.ts";

const PUBLIC_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "public");
const ASSETS: Record<string, { file: string; type: string }> = {
  "/desk/desk.js": { file: "desk.js", type: "text/javascript; charset=utf-8" },
  "/desk/desk.css": { file: "desk.css", type: "text/css; charset=utf-8" },
};

/**
 * Largest desk API body, in bytes: an action's JSON is an agent (id ≤ 128, name ≤ 80 characters)
 * and a text of at most 4,000 characters, under 30 KiB even with every character escaped.
 */
export const MAX_DESK_BODY_BYTES = 32 * 1024;

export interface DeskWebOptions {
  handoff: HandoffService;
  desk: LocalDesk;
  logger: Logger;
  /** DESK_TOKEN: required from every client when set; without it only loopback clients are served. */
  token?: string | undefined;
  /** The blocklist: people block and unblock customers from the desk. */
  blocks?: BlockService | undefined;
  /** The ticket system: the inbox of tickets and hand-offs, history and the ticket lifecycle. */
  tickets?: TicketService | undefined;
  /** Conversation transcripts, for the whole conversation in the conversation view. */
  transcript?: TranscriptStore | undefined;
}

export interface DeskWeb {
  /** `GET /desk` (+ assets) and the JSON API under `/api/desk`. */
  readonly routes: Hono;
  /** What the bot's HTTP server mounts: {@link routes} and the live-update WebSocket (`/api/desk/ws`). */
  readonly http: HttpContribution;
  /** Closes open desk pages' sockets and stops listening to the desk. */
  stop(): Promise<void>;
}

const TOKEN_FORM = `<form method="get" action="/desk"><label for="token">Desk token</label>
<input id="token" name="token" type="password" autocomplete="current-password" required>
<button type="submit">Open the desk</button></form>`;

/** Shown instead of the desk when the token is missing or wrong: asks for it, nothing else. */
function tokenPage(message: string, askForToken: boolean): string {
  const escaped = message.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="referrer" content="no-referrer"><title>Support desk</title><link rel="stylesheet" href="/desk/desk.css"></head>
<body><main class="gate"><h1>Support desk</h1><p role="alert">${escaped}</p>
${askForToken ? TOKEN_FORM : ""}</main></body></html>`;
}

/**
 * The local agent desk for the embedded default (no Slack): a page where people see queued and owned
 * hand-offs, claim them, reply, add internal notes, close or return them to the bot, with live
 * updates pushed from the LocalDesk. Same HandoffService as every other desk.
 */
export function createDeskWeb(options: DeskWebOptions): DeskWeb {
  const log = options.logger.child({ component: "desk-web" });
  const token = options.token || undefined;
  const socket = createDeskSocket({ desk: options.desk, logger: log, token });
  const routes = new Hono();

  // Assets are the page's code, the same for everyone and free of customer data.
  for (const [route, asset] of Object.entries(ASSETS)) {
    routes.get(route, (c) =>
      c.body(readFileSync(path.join(PUBLIC_DIR, asset.file), "utf8"), 200, {
        "content-type": asset.type,
        "cache-control": "no-cache",
      }),
    );
  }

  // The page takes the token from `?token=` (a browser cannot send a header when navigating); the API
  // only from `Authorization`, so it never ends up in logs or history.
  routes.use("/desk", async (c, next) => {
    const access = checkDeskAccess(
      {
        remoteAddress: remoteAddressOf(c.env),
        localAddress: localAddressOf(c.env),
        headers: c.req.raw.headers,
        presentedToken: c.req.query("token"),
      },
      token,
    );
    if (access.ok) return next();
    log.warn({ remote: remoteAddressOf(c.env), status: access.status }, "desk page refused");
    return c.html(tokenPage(access.message, access.status === 401), access.status);
  });
  routes.use("/api/desk/*", async (c, next) => {
    const access = checkDeskAccess(
      {
        remoteAddress: remoteAddressOf(c.env),
        localAddress: localAddressOf(c.env),
        headers: c.req.raw.headers,
        presentedToken: presentedToken(c.req.header("authorization"), undefined),
      },
      token,
    );
    if (access.ok) return next();
    log.warn({ remote: remoteAddressOf(c.env), status: access.status }, "desk API request refused");
    return c.json({ error: access.message }, access.status);
  });

  // Desk actions carry an agent and at most 4,000 characters of text.
  routes.use("/api/desk/*", limitBody(MAX_DESK_BODY_BYTES));

  routes.get("/desk", (c) =>
    c.body(readFileSync(path.join(PUBLIC_DIR, "index.html"), "utf8"), 200, {
      "content-type": "text/html; charset=utf-8",
      "cache-control": "no-store",
    }),
  );
  routes.route(
    "/",
    createDeskApi({ handoff: options.handoff, desk: options.desk, logger: log, blocks: options.blocks }),
  );
  if (options.tickets) {
    routes.route(
      "/",
      createDeskInboxApi({
        handoff: options.handoff,
        tickets: options.tickets,
        desk: options.desk,
        transcript: options.transcript,
        logger: log,
      }),
    );
  }

  return { routes, http: { routes: [routes], websockets: [socket.endpoint] }, stop: socket.stop };
}
