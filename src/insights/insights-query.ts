import { z } from "zod";
import { fromZoned, type LocalDate, nextDate } from "../tickets/sla/zoned-time.ts";

const DAY = 24 * 3_600_000;
const isoDay = z.iso.date({ message: "dates look like 2026-11-30" });

/**
 * What /insights and `npm run report` are asked for: a period (the last 7, 30 or 90 days, or a
 * custom range of whole days) and optional filters. Query-string values arrive as strings.
 */
export const insightsQuerySchema = z
  .object({
    period: z.enum(["7", "30", "90", "custom"]).default("30"),
    /** First day of a custom period (inclusive), a calendar day in the SLA time zone. */
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

/** A rejected query's problems in one line, as /api/insights and /api/insights/gaps answer 400 with. */
export const queryProblems = (error: z.ZodError): string => error.issues.map((i) => i.message).join("; ");

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

function localDate(iso: string): LocalDate {
  const [year = 1970, month = 1, day = 1] = iso.split("-").map(Number);
  return { year, month, day };
}

/**
 * The range a query covers at `now`: rolling periods end now; custom ones cover whole days in
 * `timeZone` (the SLA's, the zone the page's days are in), from the first day's midnight to the
 * midnight after the last.
 */
export function rangeOf(query: InsightsQuery, now: number, timeZone: string): InsightsRange {
  if (query.period === "custom" && query.from && query.to) {
    return {
      since: fromZoned(localDate(query.from), 0, timeZone),
      until: fromZoned(nextDate(localDate(query.to)), 0, timeZone),
    };
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
