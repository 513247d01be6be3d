import type { SqlExecutor } from "../tickets/db/sql-database.ts";
import type { SlaPolicy } from "../tickets/sla/sla-policy.ts";
import { computeInsights } from "./compute-insights.ts";
import { loadInsightsData } from "./insights-data.ts";
import { filtersOf, type InsightsQuery, rangeOf } from "./insights-query.ts";
import type { InsightsReport } from "./insights-report.ts";

/** Reads and computes insights: what both /insights and `npm run report -- --json` call. */
export interface InsightsService {
  report(query: InsightsQuery): Promise<InsightsReport>;
}

export function createInsightsService(deps: {
  db: SqlExecutor;
  policy: SlaPolicy;
  now?: () => number;
}): InsightsService {
  const now = deps.now ?? Date.now;
  return {
    async report(query) {
      const at = now();
      const range = rangeOf(query, at, deps.policy.config.timeZone);
      const targets = deps.policy.config.targets.normal;
      return computeInsights(await loadInsightsData(deps.db, range), {
        range,
        filters: filtersOf(query),
        timeZone: deps.policy.config.timeZone,
        targets: { firstResponseHours: targets.firstResponseHours, resolutionHours: targets.resolutionHours },
        now: at,
      });
    },
  };
}
