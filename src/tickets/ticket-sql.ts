import { dialectSql } from "./db/dialect.ts";
import type { SqlExecutor, SqlValue } from "./db/sql-database.ts";
import { TicketNotFoundError } from "./errors.ts";
import type { SlaPolicy } from "./sla/sla-policy.ts";
import { computeSlaSchedule } from "./sla/sla-policy.ts";
import { parseTicketRow } from "./ticket-rows.ts";
import type { Ticket, TicketEventType } from "./ticket-types.ts";

/** Reads a ticket inside a transaction, locking its row on PostgreSQL; throws when missing. */
export async function lockTicket(tx: SqlExecutor, id: string): Promise<Ticket> {
  const rows = await tx.query(`SELECT * FROM tickets WHERE id = ?${dialectSql(tx.dialect).forUpdate}`, [id]);
  const row = rows[0];
  if (!row) throw new TicketNotFoundError(id);
  return parseTicketRow(row);
}

/** Appends an audit-log entry. `data` must never hold what the customer wrote. */
export async function insertEvent(
  tx: SqlExecutor,
  event: {
    ticketId: string;
    type: TicketEventType;
    actor: string;
    data: Record<string, unknown>;
    at: number;
  },
): Promise<void> {
  await tx.execute("INSERT INTO ticket_events (ticket_id, type, actor, data, at) VALUES (?, ?, ?, ?, ?)", [
    event.ticketId,
    event.type,
    event.actor,
    JSON.stringify(event.data),
    event.at,
  ]);
}

/** Updates the given columns of a ticket (column names are trusted, values are bound). */
export async function updateTicket(
  tx: SqlExecutor,
  id: string,
  columns: Record<string, SqlValue>,
): Promise<void> {
  const names = Object.keys(columns);
  await tx.execute(`UPDATE tickets SET ${names.map((name) => `${name} = ?`).join(", ")} WHERE id = ?`, [
    ...names.map((name) => columns[name] ?? null),
    id,
  ]);
}

/**
 * Recomputes a ticket's due times (after a priority change or the end of a pause) and moves its
 * unfired timers. While the clock is paused the timers stay suspended (`due_at` NULL).
 */
export async function reschedule(
  tx: SqlExecutor,
  policy: SlaPolicy,
  ticket: Pick<Ticket, "id" | "createdAt" | "priority" | "slaPausedMs" | "slaPausedSince">,
): Promise<{ firstResponseDueAt: number; resolutionDueAt: number }> {
  const schedule = computeSlaSchedule(policy, {
    startedAt: ticket.createdAt,
    priority: ticket.priority,
    pausedMs: ticket.slaPausedMs,
  });
  await updateTicket(tx, ticket.id, {
    first_response_due_at: schedule.firstResponseDueAt,
    resolution_due_at: schedule.resolutionDueAt,
  });
  const paused = ticket.slaPausedSince !== null;
  for (const timer of schedule.timers) {
    await tx.execute(
      "UPDATE sla_timers SET due_at = ? WHERE ticket_id = ? AND target = ? AND kind = ? AND fired_at IS NULL",
      [paused ? null : timer.dueAt, ticket.id, timer.target, timer.kind],
    );
  }
  return { firstResponseDueAt: schedule.firstResponseDueAt, resolutionDueAt: schedule.resolutionDueAt };
}

/** Suspends a ticket's unfired timers while waiting on the customer. */
export async function suspendTimers(tx: SqlExecutor, ticketId: string): Promise<void> {
  await tx.execute("UPDATE sla_timers SET due_at = NULL WHERE ticket_id = ? AND fired_at IS NULL", [
    ticketId,
  ]);
}
