import type { OutcomeCap } from "../core/gate.ts";
import type { Logger } from "../core/logger.ts";
import type { ProactiveContext, ProactivePort } from "../core/proactive.ts";
import { handoffMessages } from "../handoff/handoff-messages.ts";
import type { SupportedLanguage } from "../i18n/languages.ts";
import { isSupportedLanguage } from "../i18n/languages.ts";
import { llmTokensOf } from "../llm/usage-slice.ts";
import type { Button, Card } from "../model/outbound.ts";
import { assignTeam, type CategoryTeam } from "./assignment.ts";
import { TicketLimitError } from "./errors.ts";
import { type PriorityInput, scorePriority } from "./priority.ts";
import { isBusinessTime, nextBusinessMoment } from "./sla/business-calendar.ts";
import { formatDue } from "./sla/format-due.ts";
import { openingHoursText } from "./sla/opening-hours-text.ts";
import type { SlaPolicy } from "./sla/sla-policy.ts";
import type { TicketDesk } from "./ticket-desk.ts";
import { categoryLabels, ticketMessages } from "./ticket-messages.ts";
import type { TicketStore } from "./ticket-store.ts";
import type { Ticket, TicketStatus } from "./ticket-types.ts";

/** What the ticket form collected. */
export interface TicketDraft {
  category: string;
  subject: string;
  description: string;
  orderNumber?: string;
}

export interface TicketServiceOptions {
  store: TicketStore;
  policy: SlaPolicy;
  /** The KB's categories (read on every call, so a KB reload applies at once). */
  categories: () => readonly CategoryTeam[];
  /** Operator overrides of the team a category is assigned to (`TICKET_ASSIGNMENT`). */
  teamOverrides?: Readonly<Record<string, string>>;
  /** Sends ticket updates to customers outside their turns. */
  customers: ProactivePort;
  logger: Logger;
  now?: () => number;
  /** Customers (`channel:id`) whose tickets are one priority level up. */
  vipUsers?: readonly string[];
  /**
   * New tickets per customer (`RATE_LIMIT_TICKETS`); also, within its window, a customer's open
   * ticket is "the first one" and no second is opened beside it. Absent: no limit.
   */
  cap?: OutcomeCap;
  /** The staff desk new tickets are posted to (late-bound: the desk is built after the service). */
  desk?: () => TicketDesk | undefined;
}

export interface TicketService {
  readonly store: TicketStore;
  readonly policy: SlaPolicy;
  open(request: {
    conversation: string;
    customer: { channel: string; id: string; name?: string };
    language: string;
    draft: TicketDraft;
    sentiment?: PriorityInput["sentiment"];
    /** The anonymous client's origin (`InboundEvent.clientKey`), counted by the ticket budget too. */
    clientKey?: string | undefined;
  }): Promise<Ticket>;
  /** The acknowledgement: id, team, priority and when the customer will hear back. */
  acknowledgement(ticket: Ticket, language: SupportedLanguage): string;
  /** The same as a card, for channels that show one (a Discord embed). */
  acknowledgementCard(ticket: Ticket, language: SupportedLanguage): Card;
  /** For a hand-off: the ticket id and when a person will reply, with opening hours when closed now. */
  handoffNotice(ticket: Ticket, language: SupportedLanguage): string;
  /** One line for `/status`. */
  statusLine(ticket: Ticket, language: SupportedLanguage): string;
  categoryLabel(category: string, language: SupportedLanguage): string;
  /** Changes a ticket's status and tells the customer on their channel. */
  setStatus(id: string, status: TicketStatus, actor: string): Promise<Ticket>;
  assign(id: string, agent: { id: string; name: string }): Promise<Ticket>;
  /** Solves the ticket and asks the customer for a rating (inside an existing proactive turn when given). */
  solve(id: string, actor: string, ctx?: ProactiveContext): Promise<Ticket>;
}

/** Buttons of the satisfaction survey: 1–5, each carrying the ticket id. */
function csatButtons(ticketId: string): Button[] {
  return [1, 2, 3, 4, 5].map((score) => ({
    kind: "action",
    label: `${"★".repeat(score)}${score === 1 ? " 1" : ` ${score}`}`,
    action: "csat.rate",
    value: `${ticketId}:${score}`,
  }));
}

function languageOf(ticket: Ticket): SupportedLanguage {
  return isSupportedLanguage(ticket.language) ? ticket.language : "en";
}

/**
 * The ticket system as the conversation sees it: opening with priority and team assignment, acknowledgements
 * with due times in business hours, status lines, and status changes pushed to the customer.
 */
export function createTicketService(options: TicketServiceOptions): TicketService {
  const { store, policy } = options;
  const now = options.now ?? Date.now;
  const zone = policy.config.timeZone;
  const due = (at: number, language: SupportedLanguage) => formatDue(at, language, zone, { now: now() });

  const hoursText = (language: SupportedLanguage) => openingHoursText(policy.config, language);

  /** Refuses a new ticket beside a fresh open one, or over the customer's budget (TicketLimitError). */
  async function checkLimits(customer: { channel: string; id: string }, clientKey?: string): Promise<void> {
    const cap = options.cap;
    if (!cap) return;
    const [latest] = await store.listByCustomer(customer.channel, customer.id, { openOnly: true });
    if (latest && now() - latest.createdAt < cap.windowMs)
      throw new TicketLimitError("open", { ticketId: latest.id });
    const verdict = await cap.take({ channel: customer.channel, userId: customer.id, clientKey });
    if (!verdict.allowed) throw new TicketLimitError("rate", { retryAfterMs: verdict.retryAfterMs });
  }

  async function push(ticket: Ticket, task: (ctx: ProactiveContext) => void | Promise<void>): Promise<void> {
    await options.customers
      .proactive(ticket.address, `ticket:${ticket.id}`, task)
      .catch((error: unknown) =>
        options.logger.error({ err: error, ticket: ticket.id }, "could not notify the customer"),
      );
  }

  const service: TicketService = {
    store,
    policy,
    async open(request) {
      await checkLimits(request.customer, request.clientKey);
      const categories = options.categories();
      const team = assignTeam(request.draft.category, categories, options.teamOverrides);
      const vip = options.vipUsers?.includes(`${request.customer.channel}:${request.customer.id}`) ?? false;
      const verdict = scorePriority({
        category: request.draft.category,
        text: `${request.draft.subject}\n${request.draft.description}`,
        // Only a clearly upset customer raises the priority, not a question that merely sounds negative.
        ...(request.sentiment && (request.sentiment.emotions?.anger ?? 0) >= 0.5
          ? { sentiment: request.sentiment }
          : {}),
        tier: vip ? "vip" : "standard",
      });
      const ticket = await store.create(
        {
          address: request.conversation,
          customer: request.customer,
          language: request.language,
          category: request.draft.category,
          team,
          subject: request.draft.subject,
          description: request.draft.description,
          ...(request.draft.orderNumber ? { orderNumber: request.draft.orderNumber } : {}),
          priority: verdict.priority,
          priorityReasons: verdict.reasons,
          actor: `customer:${request.customer.id}`,
        },
        { allowedCategories: categories.map((category) => category.id) },
      );
      // Staff see it at once, like a hand-off: the local desk's list, or the team's Slack channel.
      await options.desk?.()?.opened(ticket);
      return ticket;
    },
    acknowledgement(ticket, language) {
      const text = ticketMessages.t(language, "ticket.created", {
        id: ticket.id,
        category: service.categoryLabel(ticket.category, language),
        priority: ticketMessages.t(language, `priority.${ticket.priority}`),
        team: ticket.team,
        due: due(ticket.firstResponseDueAt, language),
      });
      if (isBusinessTime(now(), policy.calendar)) return text;
      const start = due(nextBusinessMoment(now(), policy.calendar), language);
      return `${text} ${ticketMessages.t(language, "ticket.createdOffHours", { hours: hoursText(language), start })}`;
    },
    handoffNotice(ticket, language) {
      const text = handoffMessages.t(language, "handoff.expected", {
        id: ticket.id,
        due: due(ticket.firstResponseDueAt, language),
      });
      if (isBusinessTime(now(), policy.calendar)) return text;
      const start = due(nextBusinessMoment(now(), policy.calendar), language);
      return `${text} ${handoffMessages.t(language, "handoff.offHours", { hours: hoursText(language), start })}`;
    },
    acknowledgementCard(ticket, language) {
      return {
        title: ticketMessages.t(language, "card.ticket", { id: ticket.id }),
        tone: ticket.priority === "urgent" || ticket.priority === "high" ? "warning" : "info",
        fields: [
          { label: ticketMessages.t(language, "card.team"), value: ticket.team },
          {
            label: ticketMessages.t(language, "card.priority"),
            value: ticketMessages.t(language, `priority.${ticket.priority}`),
          },
          { label: ticketMessages.t(language, "card.due"), value: due(ticket.firstResponseDueAt, language) },
        ],
      };
    },
    statusLine(ticket, language) {
      const next =
        ticket.status === "pending_customer"
          ? ticketMessages.t(language, "next.yourTurn")
          : ticket.status === "solved" || ticket.status === "closed"
            ? ticketMessages.t(language, "next.done")
            : ticket.firstResponseAt === null
              ? ticketMessages.t(language, "next.reply", { due: due(ticket.firstResponseDueAt, language) })
              : ticketMessages.t(language, "next.resolution", { due: due(ticket.resolutionDueAt, language) });
      return ticketMessages.t(language, "status.line", {
        id: ticket.id,
        subject: ticket.subject,
        state: ticketMessages.t(language, `state.${ticket.status}`),
        next,
      });
    },
    categoryLabel(category, language) {
      return (
        categoryLabels[language][category] ??
        options.categories().find((entry) => entry.id === category)?.team ??
        category
      );
    },
    async setStatus(id, status, actor) {
      const ticket = await store.setStatus(id, status, { actor });
      if (status === "solved") {
        await push(ticket, (ctx) => askCsat(ctx, ticket));
      } else if (status === "pending_customer" || status === "open" || status === "closed") {
        await push(ticket, (ctx) =>
          ctx.reply(ticketMessages.t(languageOf(ticket), `push.${status}`, { id: ticket.id })),
        );
      }
      return ticket;
    },
    async assign(id, agent) {
      const ticket = await store.assign(id, agent.name, { actor: `agent:${agent.id}` });
      await push(ticket, (ctx) =>
        ctx.reply(
          ticketMessages.t(languageOf(ticket), "push.assigned", { id: ticket.id, agent: agent.name }),
        ),
      );
      return ticket;
    },
    async solve(id, actor, ctx) {
      // The LLM tokens the conversation cost are recorded on the resolution event, for cost reports.
      const tokens = ctx ? llmTokensOf(ctx.state) : 0;
      const metrics = tokens > 0 ? { llmTokens: tokens } : undefined;
      const ticket = await store.setStatus(id, "solved", { actor, ...(metrics ? { metrics } : {}) });
      if (ctx) askCsat(ctx, ticket);
      else await push(ticket, (proactive) => askCsat(proactive, ticket));
      return ticket;
    },
  };

  function askCsat(ctx: ProactiveContext, ticket: Ticket): void {
    const language = languageOf(ticket);
    ctx.reply({
      text: `${ticketMessages.t(language, "push.solved", { id: ticket.id })} ${ticketMessages.t(language, "csat.ask", { id: ticket.id })}`,
      language,
      buttons: csatButtons(ticket.id),
    });
  }

  return service;
}
