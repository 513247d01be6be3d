import type { Logger } from "../core/logger.ts";
import type { ProactiveContext, ProactivePort } from "../core/proactive.ts";
import type { SupportedLanguage } from "../i18n/languages.ts";
import { isSupportedLanguage } from "../i18n/languages.ts";
import { llmTokensOf } from "../llm/usage-slice.ts";
import type { Button } from "../model/outbound.ts";
import type { CsatOptOut } from "./csat-opt-out.ts";
import type { TicketDesk } from "./ticket-desk.ts";
import { ticketMessages } from "./ticket-messages.ts";
import type { TicketStore } from "./ticket-store.ts";
import type { Ticket, TicketStatus } from "./ticket-types.ts";

/** A person, as the ticket lifecycle names them (the desk's agent). */
export interface TicketAgent {
  id: string;
  name: string;
}

/** What a customer's message did to their ticket (see {@link TicketUpdates.customerWrote}). */
export type CustomerWriteOutcome = "added" | "resumed" | "reopened";

/** A transfer as the ticket records it: the new team, the person (or nobody yet), a note, who did it. */
export interface TicketTransfer {
  team: string;
  agent: TicketAgent | null;
  note?: string;
  actor: string;
}

/** A desk's transfer (`to`: the person taking over, if any) by `agent`, as {@link TicketUpdates.transfer} takes it. */
export function ticketTransfer(
  agent: { id: string },
  request: { team: string; to?: TicketAgent | undefined; note?: string | undefined },
): TicketTransfer {
  return {
    team: request.team,
    agent: request.to ?? null,
    ...(request.note ? { note: request.note } : {}),
    actor: `agent:${agent.id}`,
  };
}

/** The ticket lifecycle as staff drive it, each change recorded and told to the customer. */
export interface TicketUpdates {
  /** Changes a ticket's status, tells the customer on their channel and the desk. */
  setStatus(id: string, status: TicketStatus, actor: string): Promise<Ticket>;
  /** A person takes the ticket: the customer is told (by name only with `TICKET_SHOW_AGENT_NAMES`). */
  assign(id: string, agent: TicketAgent): Promise<Ticket>;
  /** A person claimed the ticket's conversation live (the customer saw them join): assigned, quietly. */
  claimed(id: string, agent: TicketAgent): Promise<Ticket>;
  /**
   * Moves the ticket to another team and/or person with a note for them; the customer is told a
   * specialist took over. The SLA clock keeps running.
   */
  transfer(id: string, request: TicketTransfer): Promise<Ticket>;
  /** Solves the ticket and asks the customer for a rating (inside an existing proactive turn when given). */
  solve(id: string, actor: string, ctx?: ProactiveContext): Promise<Ticket>;
  /** True when the customer writing now reopens this solved ticket (within `TICKET_REOPEN_DAYS`). */
  reopenable(ticket: Ticket): boolean;
  /**
   * The customer wrote about their ticket: the text joins its transcript; a ticket waiting on them
   * goes back to the team (`resumed`), a recently solved one is reopened (`reopened`).
   */
  customerWrote(ticket: Ticket, text: string, actor: string): Promise<CustomerWriteOutcome>;
}

/** How staff read a status on the desk. */
export const STAFF_STATUS_LABELS: Readonly<Record<TicketStatus, string>> = {
  new: "new",
  open: "open",
  pending_customer: "waiting on customer",
  pending_internal: "waiting on us",
  solved: "solved",
  closed: "closed",
};

/** Buttons of the satisfaction survey: 1–5, each carrying the ticket id. */
function csatButtons(ticketId: string): Button[] {
  return [1, 2, 3, 4, 5].map((score) => ({
    kind: "action",
    label: `${"★".repeat(score)}${score === 1 ? " 1" : ` ${score}`}`,
    action: "csat.rate",
    value: `${ticketId}:${score}`,
  }));
}

export function languageOf(ticket: Ticket): SupportedLanguage {
  return isSupportedLanguage(ticket.language) ? ticket.language : "en";
}

/** Who did it, for a desk line: `agent:U1` → the name when known, else the actor as recorded. */
const byline = (actor: string, name?: string) => ` (${name ?? actor})`;

/**
 * The ticket lifecycle customers can follow: received → assigned → waiting on customer → solved
 * (CSAT) → closed, with reopening. Every change is an event in the store and a line on the desk;
 * customers hear about it in their language.
 */
export function createTicketUpdates(options: {
  store: TicketStore;
  customers: ProactivePort;
  logger: Logger;
  desk?: (() => TicketDesk | undefined) | undefined;
  /** `TICKET_SHOW_AGENT_NAMES`: tell customers the person's name (default: only their team). */
  showAgentNames?: boolean | undefined;
  /** `TICKET_REOPEN_DAYS` in ms: a customer writing this long after the solve reopens the ticket (0: never). */
  reopenWindowMs?: number | undefined;
  /** Customers who asked not to be surveyed: solved tickets tell them, without the rating question. */
  csatOptOut?: CsatOptOut | undefined;
  now?: () => number;
}): TicketUpdates {
  const { store } = options;
  const now = options.now ?? Date.now;
  const reopenWindowMs = options.reopenWindowMs ?? 0;

  async function push(ticket: Ticket, task: (ctx: ProactiveContext) => void | Promise<void>): Promise<void> {
    await options.customers
      .proactive(ticket.address, `ticket:${ticket.id}`, task)
      .catch((error: unknown) =>
        options.logger.error({ err: error, ticket: ticket.id }, "could not notify the customer"),
      );
  }
  const tell = (ticket: Ticket, key: Parameters<typeof ticketMessages.t>[1], values = {}) =>
    push(ticket, (ctx) => ctx.reply(ticketMessages.t(languageOf(ticket), key, { id: ticket.id, ...values })));
  const toDesk = (ticket: Ticket, text: string) =>
    options.desk?.()?.changed(ticket, text) ?? Promise.resolve();

  async function askCsat(ctx: ProactiveContext, ticket: Ticket): Promise<void> {
    const language = languageOf(ticket);
    const solved = ticketMessages.t(language, "push.solved", { id: ticket.id });
    if (await options.csatOptOut?.has({ channel: ticket.channel, id: ticket.customerId })) {
      ctx.reply({ text: solved, language });
      return;
    }
    ctx.reply({
      text: `${solved} ${ticketMessages.t(language, "csat.ask", { id: ticket.id })}`,
      language,
      buttons: [
        ...csatButtons(ticket.id),
        { kind: "action", label: ticketMessages.t(language, "csat.optOutButton"), action: "csat.optout" },
      ],
    });
  }

  /** A person working the ticket makes a received ticket open (the customer sees "a person is on it"). */
  async function assignTo(id: string, agent: TicketAgent): Promise<Ticket> {
    const actor = `agent:${agent.id}`;
    const assigned = await store.assign(id, agent.name, { actor });
    return assigned.status === "new" ? store.setStatus(id, "open", { actor }) : assigned;
  }

  const updates: TicketUpdates = {
    async setStatus(id, status, actor) {
      const ticket = await store.setStatus(id, status, { actor });
      if (status === "solved") await push(ticket, (ctx) => askCsat(ctx, ticket));
      // Waiting on ourselves reads as "with our team" to the customer, like open: after being asked
      // for more information they learn they need not reply.
      else if (status === "pending_internal") await tell(ticket, "push.open");
      else if (status === "pending_customer" || status === "open" || status === "closed")
        await tell(ticket, `push.${status}`);
      await toDesk(ticket, `Status: ${STAFF_STATUS_LABELS[status]}${byline(actor)}`);
      return ticket;
    },
    async assign(id, agent) {
      const ticket = await assignTo(id, agent);
      if (options.showAgentNames) await tell(ticket, "push.assigned", { agent: agent.name });
      else await tell(ticket, "push.assignedTeam", { team: ticket.team });
      await toDesk(ticket, `Assigned to ${agent.name}`);
      return ticket;
    },
    async claimed(id, agent) {
      const ticket = await assignTo(id, agent);
      await toDesk(ticket, `Assigned to ${agent.name}`);
      return ticket;
    },
    async transfer(id, request) {
      const ticket = await store.transfer(
        id,
        { team: request.team, assignee: request.agent?.name ?? null },
        { actor: request.actor },
      );
      const note = request.note?.trim();
      if (note) await store.addMessage(id, { author: "note", text: note }, { actor: request.actor });
      if (options.showAgentNames && request.agent)
        await tell(ticket, "push.transferredNamed", { team: ticket.team, agent: request.agent.name });
      else await tell(ticket, "push.transferred", { team: ticket.team });
      return ticket;
    },
    async solve(id, actor, ctx) {
      // The LLM tokens the conversation cost are recorded on the resolution event, for cost reports.
      const tokens = ctx ? llmTokensOf(ctx.state) : 0;
      const metrics = tokens > 0 ? { llmTokens: tokens } : undefined;
      const ticket = await store.setStatus(id, "solved", { actor, ...(metrics ? { metrics } : {}) });
      if (ctx) await askCsat(ctx, ticket);
      else await push(ticket, (proactive) => askCsat(proactive, ticket));
      return ticket;
    },
    reopenable(ticket) {
      return (
        ticket.status === "solved" &&
        ticket.solvedAt !== null &&
        reopenWindowMs > 0 &&
        now() - ticket.solvedAt <= reopenWindowMs
      );
    },
    async customerWrote(ticket, text, actor) {
      const reopen = updates.reopenable(ticket);
      if (reopen) await store.setStatus(ticket.id, "open", { actor });
      await store.addMessage(ticket.id, { author: "customer", text: text.slice(0, 10_000) }, { actor });
      const after = (await store.get(ticket.id)) ?? ticket;
      if (reopen) {
        await toDesk(after, "Reopened: the customer wrote again after the solve");
        return "reopened";
      }
      if (ticket.status === "pending_customer") {
        await toDesk(after, "Customer replied: back with the team (SLA clock running again)");
        return "resumed";
      }
      return "added";
    },
  };
  return updates;
}
