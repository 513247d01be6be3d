import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import type { HttpContribution } from "../core/http-contribution.ts";
import type { Logger } from "../core/logger.ts";
import { securityHeaders } from "./security-headers.ts";

/** The `/healthz` body: `degraded` when a channel or the desk is not up (still 200, for load balancers). */
export interface HealthReport {
  status: "ok" | "degraded";
  [part: string]: unknown;
}

/**
 * What the HTTP surface needs of the running bot — a port, so src/http knows nothing of the app
 * wiring (src/app implements it: `httpHostOf(app)`).
 */
export interface HttpHost {
  health(): HealthReport;
  logger: Logger;
}

/**
 * The bot's HTTP surface: `/healthz` plus the routes every contribution brings (web chat, desks,
 * webhooks), mounted alike, every response with the {@link securityHeaders security headers}. A
 * plain `Request → Response` app, so it is testable in memory with `app.request()`.
 */
export function createHttpApp(
  host: HttpHost,
  contributions: readonly (HttpContribution | undefined)[] = [],
): Hono {
  const http = new Hono();
  http.use(securityHeaders());
  http.get("/healthz", (c) => c.json(host.health()));
  for (const contribution of contributions)
    for (const route of contribution?.routes ?? []) http.route("/", route);
  http.onError((error, c) => {
    // Thrown on purpose with a status (e.g. a body that turned out too large): not our failure.
    if (error instanceof HTTPException && error.status < 500) return error.getResponse();
    host.logger.error({ err: error, path: c.req.path }, "HTTP request failed");
    return c.json({ error: "internal error" }, 500);
  });
  return http;
}

/** Every WebSocket endpoint of `contributions`, for the upgrade dispatcher. */
export function websocketsOf(contributions: readonly (HttpContribution | undefined)[]) {
  return contributions.flatMap((contribution) => contribution?.websockets ?? []);
}
