import type { TicketStatus } from "./ticket-types.ts";

/**
 * Allowed status changes. `closed` is final: a customer writing again gets a new ticket. `solved`
 * can be reopened (the customer says it is not fixed) or closed.
 */
export const TICKET_TRANSITIONS: Readonly<Record<TicketStatus, readonly TicketStatus[]>> = {
  new: ["open", "pending_customer", "pending_internal", "solved", "closed"],
  open: ["pending_customer", "pending_internal", "solved", "closed"],
  pending_customer: ["open", "pending_internal", "solved", "closed"],
  pending_internal: ["open", "pending_customer", "solved", "closed"],
  solved: ["open", "closed"],
  closed: [],
};

/** True when a ticket may move from `from` to `to`. */
export function canTransition(from: TicketStatus, to: TicketStatus): boolean {
  return TICKET_TRANSITIONS[from].includes(to);
}
