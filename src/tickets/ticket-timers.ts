import type { SqlExecutor } from "./db/sql-database.ts";
import { parseTicketRow, parseTimerRow } from "./ticket-rows.ts";
import { insertEvent } from "./ticket-sql.ts";
import type { DueTimer, Ticket } from "./ticket-types.ts";

/** What happened when a process tried to fire a timer. */
export type FireResult =
  /** Another process fired it first, or it was suspended or moved later meanwhile. */
  | { outcome: "skipped" }
  /** The target was met in time: marked done without an event. */
  | { outcome: "met"; timer: DueTimer; ticket: Ticket }
  /** This caller fired it: the `sla_warning`/`sla_breached` event is written. */
  | { outcome: "fired"; timer: DueTimer; ticket: Ticket };

/** When the target was met, or null. A ticket solved and then reopened counts as not met. */
function metAt(ticket: Ticket, target: DueTimer["target"]): number | null {
  if (target === "first_response") return ticket.firstResponseAt;
  if (ticket.status !== "solved" && ticket.status !== "closed") return null;
  return ticket.solvedAt ?? ticket.closedAt;
}

/**
 * Claims and fires one timer inside a transaction. The claim is a conditional UPDATE
 * (`WHERE fired_at IS NULL AND due_at <= now`): whichever process commits first wins and every
 * other sees zero changed rows, so the event is written exactly once. A warning is silent when the
 * target has been met at all; a breach only when it was met by its due time.
 */
export async function fireTimerInTx(tx: SqlExecutor, timerId: number, now: number): Promise<FireResult> {
  const claimed = await tx.query(
    "UPDATE sla_timers SET fired_at = ? WHERE id = ? AND fired_at IS NULL AND due_at IS NOT NULL AND due_at <= ? RETURNING id, ticket_id, target, kind, due_at",
    [now, timerId, now],
  );
  const row = claimed[0];
  if (!row) return { outcome: "skipped" };
  const timer = parseTimerRow(row);
  const ticketRow = (await tx.query("SELECT * FROM tickets WHERE id = ?", [timer.ticketId]))[0];
  if (!ticketRow) return { outcome: "skipped" };
  const ticket = parseTicketRow(ticketRow);
  const met = metAt(ticket, timer.target);
  const silent = met !== null && (timer.kind === "warning" || met <= timer.dueAt);
  await tx.execute("UPDATE sla_timers SET outcome = ? WHERE id = ?", [silent ? "met" : "fired", timer.id]);
  if (silent) return { outcome: "met", timer, ticket };
  await insertEvent(tx, {
    ticketId: ticket.id,
    type: timer.kind === "warning" ? "sla_warning" : "sla_breached",
    actor: "system",
    data: { target: timer.target, dueAt: timer.dueAt },
    at: now,
  });
  return { outcome: "fired", timer, ticket };
}
