import type { Logger } from "../core/logger.ts";
import type { HandoffTicketPort } from "../handoff/handoff-service.ts";
import type { KnowledgeService } from "../kb/knowledge-service.ts";
import { assignTeam } from "./assignment.ts";
import { conversationCase } from "./conversation-case.ts";
import { lastTicketIdOf, rememberTicket } from "./conversation-ticket.ts";
import { guessTicketCategory } from "./intent-category.ts";
import { formatDue } from "./sla/format-due.ts";
import type { TicketService } from "./ticket-service.ts";
import { ticketFields } from "./ticket-trace.ts";
import { ticketTransfer } from "./ticket-updates.ts";

/**
 * Tickets behind hand-offs: every escalation opens a ticket (so the desk sees its id and SLA due
 * time), people's replies and notes land in its transcript, claiming assigns it, closing solves it
 * and asks the customer for a rating.
 */
export function createHandoffTickets(options: {
  tickets: TicketService;
  knowledge: KnowledgeService;
  deskLanguage: "en" | "ko";
  logger: Logger;
}): HandoffTicketPort {
  const { tickets } = options;
  const { store } = tickets;
  const log = options.logger.child({ component: "handoff-tickets" });

  function categoryFor(intent: string | undefined, text: string): string {
    const { kb, engine } = options.knowledge.current();
    // Nothing described (a bare "/human"): nothing to search, the general category.
    const guessed =
      text.trim() === "" ? undefined : guessTicketCategory(kb, intent, () => engine.search(text));
    if (guessed) return guessed;
    const ids = kb.ticketCategories.map((category) => category.id);
    return ids.includes("general") ? "general" : (ids[0] as string);
  }

  return {
    async open(ctx, request, entries = []) {
      const existing = lastTicketIdOf(ctx.state);
      if (existing !== undefined) {
        const ticket = await store.getForCustomer(existing, ctx.user.channel, ctx.user.id);
        if (ticket && ticket.status !== "solved" && ticket.status !== "closed") {
          if (request.priority !== ticket.priority)
            await store.setPriority(ticket.id, request.priority, { actor: "bot", reasons: [request.reason] });
          return {
            id: ticket.id,
            team: ticket.team,
            category: ticket.category,
            dueText: formatDue(
              ticket.firstResponseDueAt,
              options.deskLanguage,
              tickets.policy.config.timeZone,
            ),
            customerNotice: tickets.handoffNotice(ticket, ctx.language),
          };
        }
      }
      // The case is what the customer asked across the conversation, not the "a person, please" that ended it.
      const latest = ctx.event.type === "command" ? "" : ctx.text;
      const told = conversationCase(
        entries,
        { text: latest, intent: ctx.understanding.intent?.name },
        request.reason,
      );
      const category = categoryFor(told.intent, told.searchText);
      const ticket = await store.create(
        {
          address: ctx.conversation,
          customer: {
            channel: ctx.user.channel,
            id: ctx.user.id,
            ...(ctx.user.displayName ? { name: ctx.user.displayName } : {}),
          },
          language: ctx.language,
          category,
          team: assignTeam(category, options.knowledge.current().kb.ticketCategories),
          subject: told.subject.slice(0, 120),
          description: told.description.slice(0, 10_000),
          priority: request.priority,
          priorityReasons: [request.reason.slice(0, 200)],
          actor: "bot",
        },
        { allowedCategories: options.knowledge.current().kb.ticketCategories.map((entry) => entry.id) },
      );
      rememberTicket(ctx.state, ticket.id);
      ticketFields(ticket).apply(ctx.trace);
      const customerNotice = tickets.handoffNotice(ticket, ctx.language);
      return {
        id: ticket.id,
        team: ticket.team,
        category: ticket.category,
        dueText: formatDue(ticket.firstResponseDueAt, options.deskLanguage, tickets.policy.config.timeZone),
        customerNotice,
      };
    },
    async onClaimed(ticketId, agent) {
      await tickets.claimed(ticketId, agent);
    },
    async onTransferred(ticketId, agent, request) {
      await tickets.transfer(ticketId, ticketTransfer(agent, request));
    },
    async onUnassigned(ticketId) {
      await store.assign(ticketId, null, { actor: "system" });
    },
    async onCustomerMessage(ticketId, text) {
      // A reply to "waiting on you" moves the ticket back to the team, and the desk shows it.
      const ticket = await store.get(ticketId);
      if (!ticket || ticket.status === "closed") return;
      await tickets.customerWrote(ticket, text, "customer").catch((error: unknown) => {
        log.warn({ err: error, ticket: ticketId }, "customer message not added to the ticket");
      });
    },
    async onAgentReply(ticketId, agent, text) {
      await store.addMessage(
        ticketId,
        { author: "agent", authorName: agent.name, text: text.slice(0, 10_000) },
        { actor: `agent:${agent.id}` },
      );
    },
    async onNote(ticketId, agent, text) {
      await store.addMessage(
        ticketId,
        { author: "note", authorName: agent.name, text: text.slice(0, 10_000) },
        { actor: `agent:${agent.id}` },
      );
    },
    async onClosed(ticketId, agent, ctx) {
      await tickets.solve(ticketId, `agent:${agent.id}`, ctx);
    },
  };
}
