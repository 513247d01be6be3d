import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Hono } from "hono";
import { z } from "zod";
import type { Logger } from "../../../src/core/logger.ts";
import type { TranscriptStore } from "../../../src/core/transcript.ts";
import type { TurnResult } from "../../../src/core/turn-result.ts";
import { limitBody } from "../../../src/http/body-limit.ts";
import { remoteAddressOf } from "../../../src/http/request-socket.ts";
import { EventError } from "../../../src/model/errors.ts";
import { historyPage, InvalidCursorError } from "./web-history.ts";
import { MAX_MESSAGE_BYTES } from "./web-limits.ts";
import { type ClientMessage, historyQuerySchema, postMessageSchema } from "./web-protocol.ts";
import type { WebMessage } from "./web-render.ts";
import { bearerToken, conversationIdOf, sessionTokenSchema } from "./web-session.ts";

const PUBLIC_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "public");
const STATIC_FILES: Record<string, string> = {
  "/": "index.html",
  "/chat.js": "chat.js",
  "/chat.css": "chat.css",
};
const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
};

export interface WebRoutesOptions {
  logger: Logger;
  transcript?: TranscriptStore | undefined;
  /**
   * A customer's message from the conversation `conversationId`, through the core: the turn's
   * result and the replies as the channel delivered them (split to fit, rendered).
   */
  answer(
    conversationId: string,
    message: ClientMessage,
    remoteAddress: string | undefined,
  ): Promise<{ result: TurnResult; replies: WebMessage[] }>;
}

/**
 * The page, its assets and the JSON API: `POST /api/chat/messages` (body up to
 * {@link MAX_MESSAGE_BYTES}) and `GET /api/chat/history` (the session token in
 * `Authorization: Bearer`, paginated).
 */
export function createWebRoutes(options: WebRoutesOptions): Hono {
  const log = options.logger;
  const routes = new Hono();
  for (const [route, file] of Object.entries(STATIC_FILES)) {
    routes.get(route, (c) => {
      const body = readFileSync(path.join(PUBLIC_DIR, file), "utf8");
      return c.body(body, 200, {
        "content-type": CONTENT_TYPES[path.extname(file)] ?? "text/plain",
        "cache-control": "no-cache",
      });
    });
  }

  routes.post("/api/chat/messages", limitBody(MAX_MESSAGE_BYTES), async (c) => {
    const body = postMessageSchema.safeParse(await c.req.json().catch(() => undefined));
    if (!body.success) return c.json({ error: z.prettifyError(body.error) }, 400);
    const { session, ...message } = body.data;
    const conversationId = conversationIdOf(session);
    try {
      const { result, replies } = await options.answer(
        conversationId,
        message as ClientMessage,
        remoteAddressOf(c.env),
      );
      return c.json(
        // The same replies a WebSocket shows: channel-fitted parts with their server-rendered `html`.
        { conversation: result.conversation, duplicate: result.duplicate, replies },
        // Over a rate limit: the notice is in `replies`; the status tells HTTP clients to slow down.
        result.refused === "rate_limited" ? 429 : 200,
      );
    } catch (error) {
      if (error instanceof EventError) return c.json({ error: error.message }, 400);
      log.error({ err: error, conversation: `web:${conversationId}` }, "web chat message failed");
      return c.json({ error: "The bot could not process this message; please retry." }, 500);
    }
  });

  routes.get("/api/chat/history", async (c) => {
    const presented = bearerToken(c.req.header("authorization"));
    if (presented === undefined) {
      return c.json({ error: "Send the session token as Authorization: Bearer <session>" }, 401);
    }
    const session = sessionTokenSchema.safeParse(presented);
    if (!session.success) return c.json({ error: z.prettifyError(session.error) }, 401);
    const query = historyQuerySchema.safeParse(c.req.query());
    if (!query.success) return c.json({ error: z.prettifyError(query.error) }, 400);
    const entries = (await options.transcript?.list(`web:${conversationIdOf(session.data)}`)) ?? [];
    try {
      return c.json(historyPage(entries, query.data));
    } catch (error) {
      if (error instanceof InvalidCursorError) return c.json({ error: error.message }, 400);
      throw error;
    }
  });
  return routes;
}
