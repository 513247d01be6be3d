import type { InsightsFilters } from "./insights-query.ts";

/** Median and 90th percentile in hours (one decimal), null without data. */
export interface Spread {
  median: number | null;
  p90: number | null;
}

/** The numbers /insights shows and `npm run report -- --json` prints: one computation, two views. */
export interface InsightsReport {
  since: number;
  until: number;
  /** IANA zone of the SLA: days and the busiest-hours grid are in it. */
  timeZone: string;
  filters: InsightsFilters;
  /** Values the filters can take in this period. */
  choices: { channels: string[]; teams: string[]; languages: string[] };
  headline: {
    conversations: number;
    /** Conversations the bot answered with no person and no ticket. */
    resolvedByBot: number;
    /** resolvedByBot / conversations. */
    deflectionRate: number | null;
    escalated: number;
    ticketsOpened: number;
    ticketsSolved: number;
    firstResponseHours: Spread;
    resolutionHours: Spread;
    /** The targets of normal-priority tickets, in (business) hours. */
    targets: { firstResponseHours: number; resolutionHours: number };
    /** Targets met / targets decided (answered or solved, or past due). */
    slaMetRate: number | null;
    /** Bot: share of 👍 among FAQ ratings. Human: ticket CSAT (1–5) average and share rated 4 or 5. */
    csat: {
      bot: { responses: number; satisfiedRate: number | null };
      human: { responses: number; average: number | null; satisfiedRate: number | null };
    };
  };
  /** Per day (in the SLA time zone): conversations and tickets opened. */
  volume: { day: string; conversations: number; tickets: number }[];
  escalationReasons: { reason: string; count: number }[];
  /** Turns per day by intent / sentiment label (`series` names the columns of `counts`). */
  intentMix: Mix;
  sentimentMix: Mix;
  /** Turns by weekday (0 = Sunday) × hour, in the SLA time zone: `grid[weekday][hour]`. */
  busiestHours: number[][];
  /** FAQ entries by answers given, with 👍/👎 in the period. */
  topEntries: { entryId: string; answers: number; helpful: number; notHelpful: number }[];
}

export interface Mix {
  series: string[];
  days: { day: string; counts: number[] }[];
}
