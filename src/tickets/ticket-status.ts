import type { SqlExecutor, SqlValue } from "./db/sql-database.ts";
import { TicketConflictError } from "./errors.ts";
import type { SlaPolicy } from "./sla/sla-policy.ts";
import { slaTimeBetween } from "./sla/sla-policy.ts";
import { insertEvent, reschedule, suspendTimers, updateTicket } from "./ticket-sql.ts";
import { canTransition } from "./ticket-transitions.ts";
import type { Ticket, TicketStatus } from "./ticket-types.ts";

/** Context of a status change. */
export interface StatusChange {
  /** Numbers worth keeping on the audit event (e.g. `llmTokens` spent on the conversation). */
  metrics?: Record<string, number>;
  actor: string;
  now: number;
  /** Set by auto-close: records `auto_closed` so no CSAT survey follows. */
  auto?: boolean;
}

/**
 * Moves a locked ticket to `to` inside a transaction: timestamps, the SLA pause (entering
 * `pending_customer` stops the clock, leaving it adds the paused business time and moves the due
 * times), and a `status_changed` event. Returns false when the ticket already had that status.
 */
export async function applyStatus(
  tx: SqlExecutor,
  policy: SlaPolicy,
  ticket: Ticket,
  to: TicketStatus,
  change: StatusChange,
): Promise<boolean> {
  const from = ticket.status;
  if (from === to) return false;
  if (!canTransition(from, to)) {
    throw new TicketConflictError(
      ticket.id,
      "invalid_transition",
      `Ticket ${ticket.id} cannot go from ${from} to ${to}${from === "closed" ? ": it is closed, open a new ticket instead" : ""}.`,
    );
  }
  const { now } = change;
  const columns: Record<string, SqlValue> = { status: to, updated_at: now };
  const data: Record<string, unknown> = { from, to, ...change.metrics };
  if (to === "solved") columns.solved_at = now;
  if (from === "solved" && to === "open") columns.solved_at = null;
  if (to === "closed") columns.closed_at = now;
  if (change.auto) {
    columns.auto_closed = 1;
    data.auto = true;
  }

  if (to === "pending_customer") {
    columns.sla_paused_since = now;
    await suspendTimers(tx, ticket.id);
    data.slaPaused = true;
  } else if (from === "pending_customer" && ticket.slaPausedSince !== null) {
    const pausedNow = slaTimeBetween(policy, ticket.slaPausedSince, now);
    const resumed = { ...ticket, slaPausedMs: ticket.slaPausedMs + pausedNow, slaPausedSince: null };
    columns.sla_paused_ms = resumed.slaPausedMs;
    columns.sla_paused_since = null;
    await reschedule(tx, policy, resumed);
    data.slaResumed = true;
    data.slaPausedMs = pausedNow;
  }

  await updateTicket(tx, ticket.id, columns);
  await insertEvent(tx, { ticketId: ticket.id, type: "status_changed", actor: change.actor, data, at: now });
  return true;
}
