import type { KnowledgeService } from "../../kb/knowledge-service.ts";
import type { UnansweredLog } from "../../kb/unanswered-log.ts";
import { filtersOf, type InsightsQuery, rangeOf } from "../insights-query.ts";
import { clusterGaps, type GapCluster } from "./gap-clusters.ts";

/** Questions read from the log for one report: the most asked, enough for a morning's review. */
export const MAX_GAP_RECORDS = 1000;

/** The FAQ gaps of a period (asked last within it), optionally of one language, as clusters. */
export function createGapService(deps: {
  unanswered: UnansweredLog;
  knowledge: KnowledgeService;
  /** The SLA time zone: a custom period's days are in it. */
  timeZone: string;
  now?: () => number;
}) {
  const now = deps.now ?? Date.now;
  return {
    async clusters(query: InsightsQuery): Promise<GapCluster[]> {
      const range = rangeOf(query, now(), deps.timeZone);
      const { language } = filtersOf(query);
      const records = (await deps.unanswered.list(MAX_GAP_RECORDS)).filter(
        (record) =>
          record.lastAt >= range.since &&
          record.lastAt < range.until &&
          (!language || record.language === language),
      );
      return clusterGaps(records, deps.knowledge.current());
    },
  };
}
export type GapService = ReturnType<typeof createGapService>;
