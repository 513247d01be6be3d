import { Hono } from "hono";
import { checkDeskAccess, presentedToken } from "../../adapters/desks/desk-web/desk-access.ts";
import type { HttpContribution } from "../core/http-contribution.ts";
import type { Logger } from "../core/logger.ts";
import { localAddressOf, remoteAddressOf } from "../http/request-socket.ts";
import type { BotMetrics } from "../metrics/bot-metrics.ts";

/**
 * `GET /metrics` in the Prometheus text format. Metrics reveal traffic and queue sizes, so they are
 * closed like the local desk, by the desk's own access rule: with DESK_TOKEN every scrape presents
 * it (`Authorization: Bearer <DESK_TOKEN>`, Prometheus's `authorization` setting); without it only
 * this machine, over loopback and through no proxy, may scrape.
 */
export function createMetricsRoute(options: {
  metrics: Pick<BotMetrics, "scrape" | "contentType">;
  token: string | undefined;
  logger: Logger;
}): HttpContribution {
  const token = options.token || undefined;
  const routes = new Hono().get("/metrics", async (c) => {
    const access = checkDeskAccess(
      {
        remoteAddress: remoteAddressOf(c.env),
        localAddress: localAddressOf(c.env),
        headers: c.req.raw.headers,
        presentedToken: presentedToken(c.req.header("authorization"), undefined),
      },
      token,
    );
    if (!access.ok) {
      options.logger.warn(
        { remote: remoteAddressOf(c.env), status: access.status },
        "metrics scrape refused",
      );
      const error =
        access.status === 401
          ? "/metrics needs the desk token: send Authorization: Bearer <DESK_TOKEN>"
          : "/metrics only answers this machine: set DESK_TOKEN and scrape with Authorization: Bearer <DESK_TOKEN>";
      return c.json({ error }, access.status);
    }
    return c.body(await options.metrics.scrape(), 200, {
      "content-type": options.metrics.contentType,
      "cache-control": "no-store",
    });
  });
  return { routes: [routes] };
}
