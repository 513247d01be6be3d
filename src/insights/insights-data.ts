import { z } from "zod";
import type { SqlExecutor } from "../tickets/db/sql-database.ts";
import type { InsightsRange } from "./insights-query.ts";
import { createTurnFactStore } from "./turn-fact-store.ts";
import type { TurnFact } from "./turn-facts.ts";
import { conversationDigest } from "./turn-facts.ts";

/** A ticket as the insights read it (times in epoch ms). */
export interface InsightTicket {
  conversation: string;
  channel: string;
  team: string;
  language: string;
  status: string;
  createdAt: number;
  firstResponseAt: number | null;
  firstResponseDueAt: number;
  solvedAt: number | null;
  resolutionDueAt: number;
  slaPaused: boolean;
  csat: number | null;
}

/** One 👍/👎 on an FAQ answer. */
export interface InsightFeedback {
  entryId: string;
  helpful: boolean;
  language: string;
  at: number;
}

/** Everything one insights computation reads, for one period. */
export interface InsightsData {
  tickets: InsightTicket[];
  turns: TurnFact[];
  feedback: InsightFeedback[];
}

const optionalNumber = z.preprocess(
  (v) => (v === null || v === undefined ? null : Number(v)),
  z.number().nullable(),
);
const ticketRow = z.object({
  address: z.string(),
  channel: z.string(),
  team: z.string(),
  language: z.string(),
  status: z.string(),
  created_at: z.coerce.number(),
  first_response_at: optionalNumber,
  first_response_due_at: z.coerce.number(),
  solved_at: optionalNumber,
  resolution_due_at: z.coerce.number(),
  sla_paused_since: optionalNumber,
  csat_score: optionalNumber,
});
const feedbackRow = z.object({
  entry_id: z.string(),
  helpful: z.coerce.number(),
  language: z.string(),
  at: z.coerce.number(),
});

/** Reads a period's tickets (created in it), turn facts and FAQ ratings from the ticket database. */
export async function loadInsightsData(db: SqlExecutor, range: InsightsRange): Promise<InsightsData> {
  const ticketRows = await db.query(
    `SELECT address, channel, team, language, status, created_at, first_response_at, first_response_due_at,
       solved_at, resolution_due_at, sla_paused_since, csat_score
     FROM tickets WHERE created_at >= ? AND created_at < ?`,
    [range.since, range.until],
  );
  const feedbackRows = await db.query(
    "SELECT entry_id, helpful, language, at FROM faq_feedback WHERE at >= ? AND at < ?",
    [range.since, range.until],
  );
  return {
    tickets: ticketRows.map((raw) => {
      const row = ticketRow.parse(raw);
      return {
        conversation: conversationDigest(row.address),
        channel: row.channel,
        team: row.team,
        language: row.language,
        status: row.status,
        createdAt: row.created_at,
        firstResponseAt: row.first_response_at,
        firstResponseDueAt: row.first_response_due_at,
        solvedAt: row.solved_at,
        resolutionDueAt: row.resolution_due_at,
        slaPaused: row.sla_paused_since !== null,
        csat: row.csat_score,
      };
    }),
    turns: await createTurnFactStore(db).between(range.since, range.until),
    feedback: feedbackRows.map((raw) => {
      const row = feedbackRow.parse(raw);
      return { entryId: row.entry_id, helpful: row.helpful === 1, language: row.language, at: row.at };
    }),
  };
}
