import type { OutcomeCap } from "../core/gate.ts";
import type { Logger } from "../core/logger.ts";
import type { ProactivePort } from "../core/proactive.ts";
import { handoffMessages } from "../handoff/handoff-messages.ts";
import type { SupportedLanguage } from "../i18n/languages.ts";
import type { Card } from "../model/outbound.ts";
import { assignTeam, type CategoryTeam } from "./assignment.ts";
import type { CsatOptOut } from "./csat-opt-out.ts";
import { TicketLimitError } from "./errors.ts";
import type { PiiRevealLog } from "./pii-reveals.ts";
import { type PriorityInput, scorePriority } from "./priority.ts";
import { isBusinessTime, nextBusinessMoment } from "./sla/business-calendar.ts";
import { formatDue } from "./sla/format-due.ts";
import { openingHoursText } from "./sla/opening-hours-text.ts";
import type { SlaPolicy } from "./sla/sla-policy.ts";
import type { TicketDesk } from "./ticket-desk.ts";
import { categoryLabels, ticketMessages } from "./ticket-messages.ts";
import type { TicketStore } from "./ticket-store.ts";
import type { Ticket } from "./ticket-types.ts";
import { createTicketUpdates, type TicketUpdates } from "./ticket-updates.ts";

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
  /** `TICKET_SHOW_AGENT_NAMES`: ticket updates name the person (default: their team only). */
  showAgentNames?: boolean;
  /** `TICKET_REOPEN_DAYS` in ms: how long after the solve a customer's message reopens the ticket. */
  reopenWindowMs?: number;
  /** The record of personal data revealed on the desk (in the ticket database). */
  reveals?: PiiRevealLog;
  /** Customers who asked not to be surveyed again. */
  csatOptOut?: CsatOptOut;
}

export interface TicketService extends TicketUpdates {
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
  /** The teams tickets can be assigned or transferred to (the KB's and `TICKET_ASSIGNMENT`'s). */
  teams(): string[];
  /** Who saw a ticket's personal data unmasked on the desk, and when. */
  readonly reveals?: PiiRevealLog | undefined;
  /** Customers who asked not to be surveyed again ("stop asking me"). */
  readonly csatOptOut?: CsatOptOut | undefined;
}

/** The state a customer reads: an open ticket a person has taken is "a person is on it". */
function customerState(ticket: Ticket): Ticket["status"] | "assigned" {
  const working = ticket.status === "open" || ticket.status === "pending_internal";
  return working && ticket.assignee !== null ? "assigned" : ticket.status;
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

  const updates = createTicketUpdates({
    store,
    customers: options.customers,
    logger: options.logger,
    desk: options.desk,
    showAgentNames: options.showAgentNames,
    reopenWindowMs: options.reopenWindowMs,
    csatOptOut: options.csatOptOut,
    now,
  });

  const service: TicketService = {
    ...updates,
    store,
    policy,
    reveals: options.reveals,
    csatOptOut: options.csatOptOut,
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
        state: ticketMessages.t(language, `state.${customerState(ticket)}`),
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
    teams() {
      const teams = options.categories().map((entry) => entry.team);
      return [...new Set([...teams, ...Object.values(options.teamOverrides ?? {})])];
    },
  };

  return service;
}
