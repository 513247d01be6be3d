import type { Logger } from "../core/logger.ts";
import type { HandoffService } from "../handoff/handoff-service.ts";
import { formatDue } from "./sla/format-due.ts";
import type { SlaEvent } from "./sla/sla-scheduler.ts";
import type { Ticket } from "./ticket-types.ts";

/** The staff desk as the ticket system sees it: new tickets and SLA alerts reach it. */
export interface TicketDesk {
  /** A ticket opened outside a hand-off (the form) is put on the desk. Never throws. */
  opened(ticket: Ticket): Promise<void>;
  /**
   * An SLA warning or breach reaches the ticket's desk item, whoever owns it (Slack: a thread reply
   * mentioning the team); a ticket not on the desk is posted first. Never throws.
   */
  slaAlert(event: SlaEvent): Promise<void>;
  /**
   * The ticket changed (status, owner, reopened): its desk item shows the new state and `text` as a
   * line in its thread. A reopened ticket no longer on the desk is put back on it. Never throws.
   */
  changed(ticket: Ticket, text: string): Promise<void>;
}

/** What staff read about an SLA event, in the desk's language (English, like the desk's lines). */
export function slaAlertText(event: SlaEvent, timeZone: string): string {
  const { ticket } = event;
  const due = formatDue(event.dueAt, "en", timeZone);
  const label = `${ticket.id} (${ticket.priority})`;
  if (event.target === "first_response") {
    if (event.type === "sla.breached")
      return `SLA breached: ${label} missed its first reply target (${due}).`;
    return ticket.assignee === null
      ? `Still unclaimed: ${label} is due for a first reply by ${due}.`
      : `SLA warning: ${label} is due for a first reply by ${due}.`;
  }
  return event.type === "sla.breached"
    ? `SLA breached: ${label} missed its resolution target (${due}).`
    : `SLA warning: ${label} is due to be resolved by ${due}.`;
}

/**
 * Tickets on the staff desk through the hand-off service's desk (local desk or Slack): the seam
 * between the ticket system and the desk, so neither service imports the other's internals.
 */
export function createTicketDesk(options: {
  handoff: Pick<HandoffService, "postTicket" | "alertTicket" | "ticketChanged">;
  timeZone: string;
  deskLanguage: "en" | "ko";
  logger: Logger;
}): TicketDesk {
  const log = options.logger.child({ component: "ticket-desk" });

  async function post(ticket: Ticket): Promise<void> {
    await options.handoff.postTicket({
      conversation: ticket.address,
      channel: ticket.channel,
      customer: { id: ticket.customerId, ...(ticket.customerName ? { name: ticket.customerName } : {}) },
      language: ticket.language,
      subject: ticket.subject,
      description: ticket.description,
      priority: ticket.priority,
      ticket: {
        id: ticket.id,
        dueText: formatDue(ticket.firstResponseDueAt, options.deskLanguage, options.timeZone),
      },
      team: ticket.team,
      category: ticket.category,
    });
  }

  return {
    async opened(ticket) {
      await post(ticket).catch((error: unknown) =>
        log.error({ err: error, ticket: ticket.id }, "the desk could not show the new ticket"),
      );
    },
    async slaAlert(event) {
      const { ticket } = event;
      const text = slaAlertText(event, options.timeZone);
      try {
        if (await options.handoff.alertTicket(ticket.address, ticket.id, text)) return;
        await post(ticket);
        if (!(await options.handoff.alertTicket(ticket.address, ticket.id, text)))
          log.warn(
            { ticket: ticket.id },
            "SLA alert not shown: the conversation has another item on the desk",
          );
      } catch (error) {
        log.error({ err: error, ticket: ticket.id }, "the desk could not show the SLA alert");
      }
    },
    async changed(ticket, text) {
      const view = { id: ticket.id, status: ticket.status, team: ticket.team, assignee: ticket.assignee };
      try {
        if (await options.handoff.ticketChanged(ticket.address, view, text)) return;
        if (ticket.status === "solved" || ticket.status === "closed") return;
        await post(ticket);
        await options.handoff.ticketChanged(ticket.address, view, text);
      } catch (error) {
        log.error({ err: error, ticket: ticket.id }, "the desk could not show the ticket change");
      }
    },
  };
}
