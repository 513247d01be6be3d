import { z } from "zod";
import { dialectSql } from "./db/dialect.ts";
import type { SqlExecutor } from "./db/sql-database.ts";
import type { SlaSchedule } from "./sla/sla-policy.ts";
import { formatTicketId } from "./ticket-id.ts";
import type { ValidCreateTicketInput } from "./ticket-input.ts";
import { insertEvent, lockTicket } from "./ticket-sql.ts";
import type { Ticket } from "./ticket-types.ts";

/**
 * Inserts a validated ticket with its SLA timers and `created` event inside a transaction. The
 * number comes from the engine's atomic source (SQLite counter row updated under the write lock,
 * PostgreSQL sequence), so concurrent processes never get the same id.
 */
export async function insertTicket(
  tx: SqlExecutor,
  valid: ValidCreateTicketInput,
  schedule: SlaSchedule,
  now: number,
): Promise<Ticket> {
  const numberRow = (await tx.query(dialectSql(tx.dialect).nextTicketNumber))[0];
  const number = z.number().int().positive().parse(numberRow?.n);
  const id = formatTicketId(number);
  await tx.execute(
    `INSERT INTO tickets (id, number, address, channel, customer_id, customer_name, language, category, team,
      subject, description, order_number, priority, status, created_at, updated_at,
      first_response_due_at, resolution_due_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'new', ?, ?, ?, ?)`,
    [
      id,
      number,
      valid.address,
      valid.customer.channel,
      valid.customer.id,
      valid.customer.name ?? null,
      valid.language,
      valid.category,
      valid.team,
      valid.subject,
      valid.description,
      valid.orderNumber ?? null,
      valid.priority,
      now,
      now,
      schedule.firstResponseDueAt,
      schedule.resolutionDueAt,
    ],
  );
  for (const timer of schedule.timers) {
    await tx.execute("INSERT INTO sla_timers (ticket_id, target, kind, due_at) VALUES (?, ?, ?, ?)", [
      id,
      timer.target,
      timer.kind,
      timer.dueAt,
    ]);
  }
  await insertEvent(tx, {
    ticketId: id,
    type: "created",
    actor: valid.actor ?? "customer",
    data: {
      category: valid.category,
      team: valid.team,
      priority: valid.priority,
      priorityReasons: valid.priorityReasons ?? [],
      firstResponseDueAt: schedule.firstResponseDueAt,
      resolutionDueAt: schedule.resolutionDueAt,
    },
    at: now,
  });
  return lockTicket(tx, id);
}
