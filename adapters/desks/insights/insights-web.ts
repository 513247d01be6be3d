import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Hono, type MiddlewareHandler } from "hono";
import type { HttpContribution } from "../../../src/core/http-contribution.ts";
import type { Logger } from "../../../src/core/logger.ts";
import { localAddressOf, remoteAddressOf } from "../../../src/http/request-socket.ts";
import type { GapService } from "../../../src/insights/gaps/gap-service.ts";
import { insightsQuerySchema, queryProblems } from "../../../src/insights/insights-query.ts";
import type { InsightsService } from "../../../src/insights/insights-service.ts";
import type { KbEditor } from "../../../src/insights/kb-editor/kb-editor.ts";
import type { KnowledgeService } from "../../../src/kb/knowledge-service.ts";
import { createInsightsKbRoutes } from "./insights-kb-routes.ts";
import { insightsMessages } from "./insights-messages.ts";

const PUBLIC_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "public");
/** uPlot is served from the installed package, never from a CDN. */
const UPLOT_DIR = path.dirname(createRequire(import.meta.url).resolve("uplot/dist/uPlot.iife.min.js"));

const ASSETS: Record<string, { file: string; type: string }> = {
  "/insights/insights.js": {
    file: path.join(PUBLIC_DIR, "insights.js"),
    type: "text/javascript; charset=utf-8",
  },
  "/insights/tables.js": { file: path.join(PUBLIC_DIR, "tables.js"), type: "text/javascript; charset=utf-8" },
  "/insights/gaps.js": { file: path.join(PUBLIC_DIR, "gaps.js"), type: "text/javascript; charset=utf-8" },
  "/insights/insights.css": { file: path.join(PUBLIC_DIR, "insights.css"), type: "text/css; charset=utf-8" },
  "/insights/uplot.js": {
    file: path.join(UPLOT_DIR, "uPlot.iife.min.js"),
    type: "text/javascript; charset=utf-8",
  },
  "/insights/uplot.css": { file: path.join(UPLOT_DIR, "uPlot.min.css"), type: "text/css; charset=utf-8" },
};

/** What the access rule sees of a request (the socket's addresses, never a header's claim). */
export interface InsightsRequest {
  remoteAddress: string | undefined;
  localAddress: string | undefined;
  headers: Headers;
  /** `Authorization: Bearer …` (API) or `?token=` (page). */
  presentedToken: string | undefined;
}

/** Access granted, or the status and message to refuse it with. */
export type InsightsAccess = { ok: true } | { ok: false; status: 401 | 403; message: string };

export interface InsightsWebOptions {
  insights: InsightsService;
  logger: Logger;
  /** FAQ gaps and the KB editor; without them the page shows the numbers only. */
  kb?: { gaps: GapService; knowledge: KnowledgeService; editor?: KbEditor | undefined } | undefined;
  /**
   * Who may see insights: the app passes the desk's rule (`checkDeskAccess` with DESK_TOKEN), so
   * the dashboard is exactly as closed as the desk.
   */
  access: (request: InsightsRequest) => InsightsAccess;
}

function bearerOf(authorization: string | undefined): string | undefined {
  return authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
}

/**
 * `GET /insights` (the support lead's dashboard), its assets, and `GET /api/insights` (the report as
 * JSON, the same computation as `npm run report -- --json`). Guarded by the desk's access rule.
 */
export function createInsightsWeb(options: InsightsWebOptions): { routes: Hono; http: HttpContribution } {
  const log = options.logger.child({ component: "insights-web" });
  const routes = new Hono();

  for (const [route, asset] of Object.entries(ASSETS)) {
    routes.get(route, (c) =>
      c.body(readFileSync(asset.file, "utf8"), 200, {
        "content-type": asset.type,
        "cache-control": "no-cache",
      }),
    );
  }
  // The page's words: no customer data, so served like an asset.
  routes.get("/insights/messages.json", (c) => c.json(insightsMessages.sentences));

  // The page takes the token from `?token=` (a navigation sends no header); the API only from
  // `Authorization`, so it never ends up in logs or history.
  const guard =
    (fromQuery: boolean): MiddlewareHandler =>
    async (c, next) => {
      const access = options.access({
        remoteAddress: remoteAddressOf(c.env),
        localAddress: localAddressOf(c.env),
        headers: c.req.raw.headers,
        presentedToken: fromQuery ? c.req.query("token") : bearerOf(c.req.header("authorization")),
      });
      if (access.ok) return next();
      log.warn({ remote: remoteAddressOf(c.env), status: access.status }, "insights request refused");
      return fromQuery
        ? c.text(access.message, access.status)
        : c.json({ error: access.message }, access.status);
    };
  routes.use("/insights", guard(true));
  routes.use("/api/insights", guard(false));
  routes.use("/api/insights/*", guard(false));

  routes.get("/insights", (c) =>
    c.body(readFileSync(path.join(PUBLIC_DIR, "index.html"), "utf8"), 200, {
      "content-type": "text/html; charset=utf-8",
      "cache-control": "no-store",
    }),
  );
  if (options.kb) routes.route("/", createInsightsKbRoutes({ ...options.kb, logger: log }));
  routes.get("/api/insights", async (c) => {
    const query = insightsQuerySchema.safeParse(c.req.query());
    if (!query.success) return c.json({ error: queryProblems(query.error) }, 400);
    return c.json(await options.insights.report(query.data), 200, { "cache-control": "no-store" });
  });

  return { routes, http: { routes: [routes], websockets: [] } };
}
