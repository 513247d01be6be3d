import { TicketConflictError } from "./errors.ts";
import type { Ticket } from "./ticket-types.ts";

/**
 * Throws {@link TicketConflictError} unless the ticket may take a CSAT answer: solved (or closed
 * by a person after being solved), not closed automatically, and not answered before.
 */
export function assertCsatAllowed(ticket: Ticket): void {
  const { id } = ticket;
  if (ticket.csatScore !== null) {
    throw new TicketConflictError(id, "csat_already_recorded", `Ticket ${id} already has a CSAT answer.`);
  }
  if (ticket.autoClosed) {
    throw new TicketConflictError(
      id,
      "csat_after_auto_close",
      `Ticket ${id} was closed automatically, so no satisfaction survey applies.`,
    );
  }
  if (ticket.status !== "solved" && !(ticket.status === "closed" && ticket.solvedAt !== null)) {
    throw new TicketConflictError(
      id,
      "csat_not_solved",
      `Ticket ${id} is ${ticket.status}; CSAT is asked only once it is solved.`,
    );
  }
}
