import { z } from "zod";

const DAY = 24 * 3_600_000;
const isoDay = z.iso.date({ message: "dates look like 2026-11-30" });

/**
 * What /insights and `npm run report` are asked for: a period (the last 7, 30 or 90 days, or a
 * custom range of whole days) and optional filters. Query-string values arrive as strings.
 */
export const insightsQuerySchema = z
  .object({
    period: z.enum(["7", "30", "90", "custom"]).default("30"),
    /** First day of a custom period (inclusive, a UTC day). */
    from: isoDay.optional(),
    /** Last day of a custom period (inclusive). */
    to: isoDay.optional(),
    channel: z.string().max(32).optional(),
    team: z.string().max(64).optional(),
    language: z.string().max(16).optional(),
  })
  .refine((q) => q.period !== "custom" || (q.from !== undefined && q.to !== undefined && q.from <= q.to), {
    message: "a custom period needs from and to (from ≤ to)",
  });
export type InsightsQuery = z.infer<typeof insightsQuerySchema>;

/** The filters a report applies; an absent one means "all". */
export interface InsightsFilters {
  channel?: string | undefined;
  team?: string | undefined;
  language?: string | undefined;
}

/** A resolved period: `since <= at < until`, epoch ms. */
export interface InsightsRange {
  since: number;
  until: number;
}

/** The range a query covers at `now`: rolling periods end now, custom ones cover whole UTC days. */
export function rangeOf(query: InsightsQuery, now: number): InsightsRange {
  if (query.period === "custom" && query.from && query.to) {
    return { since: Date.parse(`${query.from}T00:00:00Z`), until: Date.parse(`${query.to}T00:00:00Z`) + DAY };
  }
  return { since: now - Number(query.period) * DAY, until: now };
}

/** The filters of a query, empty strings meaning "all". */
export function filtersOf(query: InsightsQuery): InsightsFilters {
  return {
    channel: query.channel || undefined,
    team: query.team || undefined,
    language: query.language || undefined,
  };
}
