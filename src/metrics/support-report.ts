import type { Keyv } from "keyv";
import { type BlockCounts, createBlockStore } from "../abuse/block-store.ts";
import type { ConversationState } from "../core/state.ts";
import { ownershipOf } from "../handoff/ownership.ts";
import type { SqlDatabase } from "../tickets/db/sql-database.ts";
import type { FaqFeedbackSummary } from "../tickets/faq-feedback.ts";
import { quantileHours, ratio } from "./report-math.ts";

/** How the support operation is doing over a period: what the team measures to improve. */
export interface SupportReport {
  since: number;
  conversations: { total: number; answeredByBot: number; escalated: number; deflectionRate: number | null };
  tickets: { opened: number; solved: number; open: number; slaBreaches: number };
  firstResponseHours: { median: number | null; p90: number | null };
  resolutionHours: { median: number | null; p90: number | null };
  csat: { responses: number; average: number | null; responseRate: number | null };
  faqFeedback: (FaqFeedbackSummary & { helpfulRate: number })[];
  /** Customers blocked now, blocks made and lifted in the period. */
  blocks: BlockCounts;
}

/**
 * Builds the report from the ticket database (first-response and resolution times, SLA breaches,
 * CSAT, 👍/👎 per KB entry, blocked customers) and the conversation states (deflection:
 * conversations the bot answered without a person or a ticket).
 */
export async function buildSupportReport(deps: {
  db: SqlDatabase;
  state: Keyv<ConversationState>;
  faqFeedback: () => Promise<FaqFeedbackSummary[]>;
  since: number;
  now?: number;
}): Promise<SupportReport> {
  const rows = await deps.db.query(
    "SELECT address, status, created_at, first_response_at, solved_at, csat_score FROM tickets WHERE created_at >= ?",
    [deps.since],
  );
  const number = (value: unknown) => (value === null || value === undefined ? null : Number(value));
  const tickets = rows.map((row) => ({
    address: String(row.address),
    status: String(row.status),
    createdAt: Number(row.created_at),
    firstResponseAt: number(row.first_response_at),
    solvedAt: number(row.solved_at),
    csat: number(row.csat_score),
  }));
  const breaches = await deps.db.query(
    "SELECT COUNT(*) AS n FROM ticket_events WHERE type = 'sla_breached' AND at >= ?",
    [deps.since],
  );
  const firstResponse = tickets.flatMap((t) =>
    t.firstResponseAt === null ? [] : [t.firstResponseAt - t.createdAt],
  );
  const resolution = tickets.flatMap((t) => (t.solvedAt === null ? [] : [t.solvedAt - t.createdAt]));
  const solved = tickets.filter((t) => t.solvedAt !== null);
  const rated = tickets.filter((t) => t.csat !== null);

  const ticketAddresses = new Set(tickets.map((t) => t.address));
  let total = 0;
  let escalated = 0;
  let answeredByBot = 0;
  if (deps.state.iterator) {
    for await (const [key, value] of deps.state.iterator(undefined)) {
      const state = value as ConversationState | undefined;
      if (!state || (state.updatedAt ?? 0) < deps.since) continue;
      total++;
      const handedOver = (ownershipOf(state)?.status ?? "bot") !== "bot" || ticketAddresses.has(String(key));
      if (handedOver) escalated++;
      else if (state.unansweredStreak === 0 && state.turns > 0) answeredByBot++;
    }
  }
  const feedback = await deps.faqFeedback();
  const blocks = await createBlockStore(deps.db).counts(deps.since, deps.now ?? Date.now());
  return {
    since: deps.since,
    conversations: { total, answeredByBot, escalated, deflectionRate: ratio(answeredByBot, total) },
    tickets: {
      opened: tickets.length,
      solved: solved.length,
      open: tickets.filter((t) => t.status !== "solved" && t.status !== "closed").length,
      slaBreaches: Number(breaches[0]?.n ?? 0),
    },
    firstResponseHours: { median: quantileHours(firstResponse, 0.5), p90: quantileHours(firstResponse, 0.9) },
    resolutionHours: { median: quantileHours(resolution, 0.5), p90: quantileHours(resolution, 0.9) },
    csat: {
      responses: rated.length,
      average: rated.length
        ? Math.round((rated.reduce((sum, t) => sum + (t.csat ?? 0), 0) / rated.length) * 100) / 100
        : null,
      responseRate: ratio(rated.length, solved.length),
    },
    faqFeedback: feedback
      .map((entry) => ({
        ...entry,
        helpfulRate: ratio(entry.helpful, entry.helpful + entry.notHelpful) ?? 0,
      }))
      .sort((a, b) => a.helpfulRate - b.helpfulRate),
    blocks,
  };
}
