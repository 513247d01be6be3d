import { dialectSql } from "./db/dialect.ts";
import type { SqlExecutor } from "./db/sql-database.ts";
import { parseTicketRow } from "./ticket-rows.ts";
import { insertEvent } from "./ticket-sql.ts";

/** What replaces erased personal data. */
export const ERASED = "[erased]";

/** What {@link anonymiseCustomerTickets} erased. */
export interface AnonymiseResult {
  /** Tickets whose personal fields were erased. */
  tickets: number;
  /** Transcript lines whose text was erased. */
  messages: number;
}

/** Ticket fields erased by anonymisation (named in the `anonymised` event, never their values). */
const ERASED_TICKET_FIELDS = [
  "customerId",
  "customerName",
  "address",
  "subject",
  "description",
  "orderNumber",
  "csatComment",
] as const;

const keepNull = (column: string) => `${column} = CASE WHEN ${column} IS NULL THEN NULL ELSE '${ERASED}' END`;

/**
 * Erases the personal data of one customer's tickets inside a transaction: name, ids that point at
 * the person (customer id, conversation address), subject, description, order number, CSAT comment
 * and the text of every transcript line (what agents wrote quotes the customer too). Ticket ids,
 * category, team, priority, status, timestamps and CSAT score stay for metrics. Event actors that
 * name the customer are erased; an `anonymised` event records which fields went, not their content.
 */
export async function anonymiseCustomerTickets(
  tx: SqlExecutor,
  customer: { channel: string; customerId: string; actor: string; now: number },
): Promise<AnonymiseResult> {
  const { channel, customerId, now } = customer;
  const rows = await tx.query(
    `SELECT * FROM tickets WHERE channel = ? AND customer_id = ?${dialectSql(tx.dialect).forUpdate}`,
    [channel, customerId],
  );
  let messages = 0;
  for (const ticket of rows.map(parseTicketRow)) {
    await tx.execute(
      `UPDATE tickets SET customer_id = ?, address = ?, subject = ?, description = ?, ${keepNull("customer_name")}, ${keepNull("order_number")}, ${keepNull("csat_comment")}, anonymised_at = ?, updated_at = ? WHERE id = ?`,
      [ERASED, `${channel}:${ERASED}`, ERASED, ERASED, now, now, ticket.id],
    );
    const erased = await tx.execute(
      `UPDATE ticket_messages SET text = ?, author_name = CASE WHEN author = 'customer' AND author_name IS NOT NULL THEN ? ELSE author_name END WHERE ticket_id = ?`,
      [ERASED, ERASED, ticket.id],
    );
    messages += erased;
    const naming = [customerId, ticket.customerName].filter((value): value is string => !!value);
    const events = await tx.query("SELECT id, actor FROM ticket_events WHERE ticket_id = ?", [ticket.id]);
    for (const event of events) {
      const actor = String(event.actor);
      if (naming.some((value) => actor.includes(value))) {
        await tx.execute("UPDATE ticket_events SET actor = ? WHERE id = ?", [ERASED, Number(event.id)]);
      }
    }
    await insertEvent(tx, {
      ticketId: ticket.id,
      type: "anonymised",
      actor: customer.actor,
      data: { fields: ERASED_TICKET_FIELDS, messages: erased },
      at: now,
    });
  }
  return { tickets: rows.length, messages };
}
