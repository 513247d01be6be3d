import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import type { App } from "../app/create-app.ts";
import { securityHeaders } from "./security-headers.ts";

/**
 * The bot's HTTP surface: `/healthz` plus whatever routes adapters contribute (web chat, webhooks),
 * every response with the {@link securityHeaders security headers}. A plain `Request → Response`
 * app, so it is testable in memory with `app.request()`.
 */
export function createHttpApp(app: App, routes: readonly Hono[] = []): Hono {
  const http = new Hono();
  http.use(securityHeaders());
  http.get("/healthz", (c) => {
    const channels = app.channels.health();
    const desk = { name: app.desk.name, ...app.desk.health() };
    const degraded = [...Object.values(channels), desk].some((part) => part.status !== "up");
    return c.json({
      status: degraded ? "degraded" : "ok",
      channels,
      desk,
      store: app.stores.kind,
      knowledgeBase: { entries: app.knowledge.current().kb.entries.length },
    });
  });
  for (const route of routes) http.route("/", route);
  http.onError((error, c) => {
    // Thrown on purpose with a status (e.g. a body that turned out too large): not our failure.
    if (error instanceof HTTPException && error.status < 500) return error.getResponse();
    app.logger.error({ err: error, path: c.req.path }, "HTTP request failed");
    return c.json({ error: "internal error" }, 500);
  });
  return http;
}
