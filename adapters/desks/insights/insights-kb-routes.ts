import { Hono } from "hono";
import type { Logger } from "../../../src/core/logger.ts";
import { limitBody } from "../../../src/http/body-limit.ts";
import type { GapService } from "../../../src/insights/gaps/gap-service.ts";
import { insightsQuerySchema, queryProblems } from "../../../src/insights/insights-query.ts";
import type { KbEditor } from "../../../src/insights/kb-editor/kb-editor.ts";
import type { KnowledgeService } from "../../../src/kb/knowledge-service.ts";

/** A KB edit is a few entries' worth of text at most. */
export const MAX_KB_EDIT_BYTES = 128 * 1024;

/**
 * The FAQ-gap clusters and the KB editor behind /insights (mounted after the access guard):
 * `GET /api/insights/gaps`, `GET /api/insights/kb`, `POST /api/insights/kb`, `GET /api/insights/kb/changes`.
 */
export function createInsightsKbRoutes(options: {
  gaps: GapService;
  knowledge: KnowledgeService;
  editor?: KbEditor | undefined;
  logger: Logger;
}): Hono {
  const routes = new Hono();
  routes.get("/api/insights/gaps", async (c) => {
    const query = insightsQuerySchema.safeParse(c.req.query());
    if (!query.success) return c.json({ error: queryProblems(query.error) }, 400);
    return c.json(await options.gaps.clusters(query.data), 200, { "cache-control": "no-store" });
  });
  routes.get("/api/insights/kb", (c) => {
    const { kb } = options.knowledge.current();
    const locales = [...new Set([kb.defaultLocale, ...kb.entries.flatMap((e) => Object.keys(e.questions))])];
    return c.json(
      {
        editable: options.editor !== undefined,
        defaultLocale: kb.defaultLocale,
        locales,
        categories: kb.ticketCategories,
        entries: kb.entries,
      },
      200,
      { "cache-control": "no-store" },
    );
  });
  routes.get("/api/insights/kb/changes", (c) => c.json(options.editor?.changes() ?? []));
  routes.post("/api/insights/kb", limitBody(MAX_KB_EDIT_BYTES), async (c) => {
    if (!options.editor)
      return c.json({ ok: false, errors: [{ field: "(form)", message: "the KB is read-only here" }] }, 403);
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      return c.json({ ok: false, errors: [{ field: "(form)", message: "the request is not JSON" }] }, 400);
    }
    let result: Awaited<ReturnType<KbEditor["save"]>>;
    try {
      result = await options.editor.save(body);
    } catch (error) {
      options.logger.error({ err: error }, "KB edit failed");
      const message = `the KB file could not be written (${(error as Error).message}); check that KB_PATH is writable`;
      return c.json({ ok: false, errors: [{ field: "(form)", message }] }, 500);
    }
    if (result.ok) options.logger.info({ change: result.change }, "KB changed from /insights");
    return c.json(result, result.ok ? 200 : 422);
  });
  return routes;
}
