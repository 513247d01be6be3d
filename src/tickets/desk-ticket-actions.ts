import type { HandoffService } from "../handoff/handoff-service.ts";
import type { Agent } from "../handoff/ownership.ts";
import { TicketNotFoundError, TicketValidationError } from "./errors.ts";
import type { TicketService } from "./ticket-service.ts";
import type { Ticket, TicketStatus } from "./ticket-types.ts";
import { ticketTransfer } from "./ticket-updates.ts";

/** What staff do to a ticket from any desk (the local page, Slack): the same rules everywhere. */
export interface DeskTicketActions {
  /** The teams a ticket can be transferred to. */
  teams(): string[];
  /** The ticket of a conversation's desk item, if it has one. */
  ticketOf(conversation: string): Promise<string | undefined>;
  /**
   * Changes the status and tells the customer. Solving an item on the desk closes it there too
   * (back to the bot) and asks the customer for a rating.
   */
  setStatus(ticketId: string, status: TicketStatus, agent: Agent): Promise<Ticket>;
  /**
   * Hands the ticket to another team (and person) with a note; on the desk the item moves with
   * it. Throws `TicketValidationError` for a team nobody knows.
   */
  transfer(
    ticketId: string,
    agent: Agent,
    request: { team: string; to?: Agent; note?: string },
  ): Promise<Ticket>;
}

export function createDeskTicketActions(options: {
  handoff: HandoffService;
  tickets: TicketService;
}): DeskTicketActions {
  const { handoff, tickets } = options;
  const { store } = tickets;

  async function load(id: string): Promise<{ ticket: Ticket; onDesk: boolean }> {
    const ticket = await store.get(id);
    if (!ticket) throw new TicketNotFoundError(id);
    const found = await handoff.get(ticket.address);
    return { ticket, onDesk: found?.packet.ticket?.id === ticket.id };
  }
  const reload = async (id: string) => (await load(id)).ticket;

  return {
    teams: () => tickets.teams(),
    async ticketOf(conversation) {
      return (await handoff.get(conversation))?.packet.ticket?.id;
    },
    async setStatus(id, status, agent) {
      const { ticket, onDesk } = await load(id);
      if (status === "solved" && onDesk) await handoff.close(ticket.address, agent);
      else await tickets.setStatus(ticket.id, status, `agent:${agent.id}`);
      return reload(id);
    },
    async transfer(id, agent, request) {
      const { ticket, onDesk } = await load(id);
      if (!tickets.teams().includes(request.team)) {
        throw new TicketValidationError(
          "team",
          "invalid",
          `Unknown team "${request.team}": use one of ${tickets.teams().join(", ")}`,
        );
      }
      if (onDesk) await handoff.transfer(ticket.address, agent, request);
      else await tickets.transfer(ticket.id, ticketTransfer(agent, request));
      return reload(id);
    },
  };
}
