import type { SqlDatabase } from "../tickets/db/sql-database.ts";
import { openTicketStatuses } from "../tickets/ticket-types.ts";
import type { StatusCounts } from "./bot-metrics.ts";

/** Open tickets by status (`new`, `open`, `pending_*`), every status present even at 0. */
export async function countOpenTickets(db: Pick<SqlDatabase, "query">): Promise<StatusCounts> {
  const rows = await db.query(
    `SELECT status, COUNT(*) AS n FROM tickets WHERE status IN (${openTicketStatuses.map(() => "?").join(", ")}) GROUP BY status`,
    [...openTicketStatuses],
  );
  const counts: StatusCounts = Object.fromEntries(openTicketStatuses.map((status) => [status, 0]));
  for (const row of rows) counts[String(row.status)] = Number(row.n);
  return counts;
}

/** Open hand-offs by status (`queued`: waiting for a person, `human`: a person has it), both present. */
export function countHandoffs(records: readonly { packet: { status: string } }[]): StatusCounts {
  const counts: StatusCounts = { queued: 0, human: 0 };
  for (const record of records) counts[record.packet.status] = (counts[record.packet.status] ?? 0) + 1;
  return counts;
}
