import type { TurnContext } from "../../src/core/context.ts";
import type { Feature } from "../../src/core/feature.ts";
import { escalationTrace } from "../../src/handoff/escalation-trace.ts";
import { ownershipOf } from "../../src/handoff/ownership.ts";
import type { KnowledgeService } from "../../src/kb/knowledge-service.ts";
import type { Button } from "../../src/model/outbound.ts";
import { lastTicketIdOf, rememberTicket } from "../../src/tickets/conversation-ticket.ts";
import { TicketError, TicketLimitError } from "../../src/tickets/errors.ts";
import { guessTicketCategory, INTENT_TICKET_CATEGORY } from "../../src/tickets/intent-category.ts";
import { extractOrderNumber, parseOrderNumberReply } from "../../src/tickets/order-number.ts";
import { TICKET_FORM_FIELDS, TICKET_LIMITS } from "../../src/tickets/ticket-input.ts";
import { ticketMessages } from "../../src/tickets/ticket-messages.ts";
import type { TicketService } from "../../src/tickets/ticket-service.ts";
import { ticketFields } from "../../src/tickets/ticket-trace.ts";
import type { Ticket } from "../../src/tickets/ticket-types.ts";
import { asksForPerson, looksLikeQuestion } from "../commands/interruptions.ts";
import { faqDecisionFor, searchFaqOnce, searchText } from "../faq/faq-confidence.ts";
import { faqMemory } from "../faq/faq-memory.ts";
import {
  isCancel,
  isDescriptive,
  isNoOrder,
  subjectFrom,
  type TicketForm,
  ticketFormSchema,
} from "./ticket-form.ts";

export interface TicketFlowOptions {
  tickets: TicketService;
  knowledge: KnowledgeService;
  /** Categories whose tickets need an order number (default: billing). */
  orderCategories?: readonly string[];
  intentThreshold?: number;
}

/**
 * Opens tickets: on `/ticket`, on the "open a ticket" button, or when a message is clearly a case
 * for the team (a refund with an order number, a bug report the FAQ can't answer). It asks only for
 * what is missing — category, description, order number — and can be cancelled at any step.
 */
export function ticketFeature(options: TicketFlowOptions): Feature {
  const orderCategories = new Set(options.orderCategories ?? ["billing"]);
  const intentThreshold = options.intentThreshold ?? 0.6;

  function categories(): string[] {
    return options.knowledge.current().kb.ticketCategories.map((category) => category.id);
  }

  function guessCategory(ctx: TurnContext, text: string): string | undefined {
    return guessTicketCategory(options.knowledge.current().kb, ctx.understanding.intent?.name, () =>
      searchFaqOnce(ctx, options.knowledge, text),
    );
  }

  /**
   * Whether a message of a ticket intent is the team's rather than the FAQ's. A request for an action
   * ("I want a refund for order 123", "환불해 주세요") or a message naming an order is; a question
   * ("do you refund purchases?", "환불 되나요?") stays with the FAQ unless the FAQ has nothing for it;
   * a described symptom ("I can't log in") gets the FAQ's answer first (with a ticket offer) when the
   * FAQ is confident, and a ticket otherwise. A bare keyword ("결제", "refund") is a question.
   */
  function claims(ctx: TurnContext): boolean {
    const text = searchText(ctx, options.knowledge.current());
    const ask = ctx.understanding.ask ?? "statement";
    if (ask === "action" || extractOrderNumber(text) !== undefined) return true;
    if (!isDescriptive(text)) return false;
    const faq = faqDecisionFor(ctx, options.knowledge);
    return ask === "information" ? faq === "fallback" : faq !== "answer";
  }

  const cancelButton = (ctx: TurnContext): Button => ({
    kind: "action",
    label: ticketMessages.t(ctx, "ticket.cancelButton"),
    action: "ticket.cancel",
  });

  function matchCategory(ctx: TurnContext, text: string): string | undefined {
    const wanted = text.trim().toLowerCase();
    return categories().find(
      (id) =>
        id === wanted ||
        options.tickets.categoryLabel(id, "en").toLowerCase() === wanted ||
        options.tickets.categoryLabel(id, "ko") === text.trim() ||
        options.tickets.categoryLabel(id, ctx.language).toLowerCase() === wanted,
    );
  }

  async function proceed(ctx: TurnContext, form: TicketForm): Promise<void> {
    ctx.act("ticket");
    if (!form.category) {
      ctx.setFlow("category", form);
      const buttons: Button[] = categories().map((id) => ({
        kind: "action",
        label: options.tickets.categoryLabel(id, ctx.language),
        action: "ticket.category",
        value: id,
      }));
      ctx.reply(ticketMessages.t(ctx, "ticket.askCategory"), [...buttons, cancelButton(ctx)]);
      return;
    }
    if (!form.description) {
      ctx.setFlow("description", form);
      ctx.reply(ticketMessages.t(ctx, "ticket.askDescription"), [cancelButton(ctx)]);
      return;
    }
    if (orderCategories.has(form.category) && !form.orderNumber && !form.noOrder) {
      ctx.setFlow("order", form);
      ctx.reply(ticketMessages.t(ctx, "ticket.askOrder"), [
        { kind: "action", label: ticketMessages.t(ctx, "ticket.noOrder"), action: "ticket.noorder" },
        cancelButton(ctx),
      ]);
      return;
    }
    ctx.endFlow();
    try {
      const ticket = await options.tickets.open({
        conversation: ctx.conversation,
        customer: {
          channel: ctx.user.channel,
          id: ctx.user.id,
          ...(ctx.user.displayName ? { name: ctx.user.displayName } : {}),
        },
        language: ctx.language,
        draft: {
          category: form.category,
          subject: subjectFrom(form.description),
          description: form.description,
          ...(form.orderNumber ? { orderNumber: form.orderNumber } : {}),
        },
        ...(ctx.understanding.sentiment ? { sentiment: ctx.understanding.sentiment } : {}),
        ...(ctx.event.clientKey ? { clientKey: ctx.event.clientKey } : {}),
      });
      rememberTicket(ctx.state, ticket.id);
      ctx.reply({
        text: options.tickets.acknowledgement(ticket, ctx.language),
        card: options.tickets.acknowledgementCard(ticket, ctx.language),
      });
      ctx.act("ticket", ticketFields(ticket), escalationTrace.with({ priority: ticket.priority }));
    } catch (error) {
      if (error instanceof TicketLimitError) {
        ctx.reply(
          error.limit === "open"
            ? ticketMessages.t(ctx, "ticket.limitOpen", { id: error.ticketId ?? "" })
            : ticketMessages.t(ctx, "ticket.limitRate", {
                minutes: Math.max(1, Math.ceil(error.retryAfterMs / 60_000)),
              }),
        );
        return;
      }
      if (!(error instanceof TicketError)) throw error;
      ctx.reply(ticketMessages.t(ctx, "ticket.failed", { reason: error.message }));
    }
  }

  function seedForm(ctx: TurnContext, seed: string): TicketForm {
    const form: TicketForm = {};
    const text = seed.trim();
    if (text === "") return form;
    if (isDescriptive(text) && text.length <= TICKET_LIMITS.description) form.description = text;
    const order = extractOrderNumber(text);
    if (order && order.length <= TICKET_LIMITS.orderNumber) form.orderNumber = order;
    const category = guessCategory(ctx, text);
    if (category) form.category = category;
    return form;
  }

  /** The conversation's ticket that is still open with the team (a form's, or a hand-off's). */
  async function openTicket(ctx: TurnContext): Promise<Ticket | undefined> {
    const id = lastTicketIdOf(ctx.state);
    if (id === undefined) return undefined;
    const ticket = await options.tickets.store.getForCustomer(id, ctx.user.channel, ctx.user.id);
    return ticket && ticket.status !== "solved" && ticket.status !== "closed" ? ticket : undefined;
  }

  /** One open ticket per conversation: new details go to it instead of a second ticket. */
  async function addToOpen(ctx: TurnContext, ticket: Ticket, details: string): Promise<void> {
    ctx.act("ticket", ticketFields(ticket));
    const waiting = (ownershipOf(ctx.state)?.status ?? "bot") !== "bot";
    if (waiting && !isDescriptive(details)) {
      // While a person is involved every message already reaches the ticket (the hand-off relays it).
      ctx.reply(ticketMessages.t(ctx, "ticket.withHandoff", { id: ticket.id }));
      return;
    }
    if (sameText(details, ticket.description)) {
      // The same words again (a resend, a flood of one `/ticket …`): nothing new for the team.
      ctx.endFlow();
      ctx.reply(ticketMessages.t(ctx, "ticket.sameDetails", { id: ticket.id }));
      return;
    }
    if (!isDescriptive(details)) {
      ctx.setFlow("append", { ticketId: ticket.id });
      ctx.reply(ticketMessages.t(ctx, "ticket.alreadyOpen", { id: ticket.id }));
      return;
    }
    ctx.endFlow();
    await options.tickets.store.addMessage(ticket.id, {
      author: "customer",
      text: details.slice(0, TICKET_LIMITS.description),
    });
    ctx.reply(ticketMessages.t(ctx, "ticket.appended", { id: ticket.id }));
  }

  async function start(ctx: TurnContext, seed: string): Promise<void> {
    const open = await openTicket(ctx);
    if (open) return addToOpen(ctx, open, seed);
    return proceed(ctx, seedForm(ctx, seed));
  }

  /** A submitted form (the Discord ticket modal): each field is taken as what it is, not re-parsed. */
  function formFromFields(ctx: TurnContext, fields: Readonly<Record<string, string>>): TicketForm {
    const form: TicketForm = {};
    const description = fields[TICKET_FORM_FIELDS.description]?.trim() ?? "";
    if (description !== "" && description.length <= TICKET_LIMITS.description) form.description = description;
    const order = parseOrderNumberReply(fields[TICKET_FORM_FIELDS.orderNumber] ?? "");
    if (order.ok) form.orderNumber = order.value;
    const category = description === "" ? undefined : guessCategory(ctx, description);
    if (category) form.category = category;
    return form;
  }

  async function continueForm(ctx: TurnContext, step: string, form: TicketForm): Promise<void> {
    const text = ctx.text.trim();
    if (step === "append") {
      const open = await openTicket(ctx);
      if (open && isDescriptive(text) && !isCancel(text)) return addToOpen(ctx, open, text);
      ctx.endFlow();
      ctx.act("ticket");
      ctx.reply(
        ticketMessages.t(ctx, "ticket.appendNothing", {
          id: open?.id ?? String(ctx.activeFlow?.data.ticketId ?? ""),
        }),
      );
      return;
    }
    if (isCancel(text)) return cancel(ctx);
    if (step === "category") {
      const chosen = matchCategory(ctx, text);
      if (chosen) form.category = chosen;
      else if (!form.description && isDescriptive(text))
        Object.assign(form, { ...seedForm(ctx, text), ...form, description: text });
    } else if (step === "description") {
      if (text.length > TICKET_LIMITS.description || !isDescriptive(text)) {
        ctx.act("ticket");
        ctx.reply(ticketMessages.t(ctx, "ticket.descriptionTooShort"), [cancelButton(ctx)]);
        return;
      }
      form.description = text;
      const order = extractOrderNumber(text);
      if (order && order.length <= TICKET_LIMITS.orderNumber && !form.orderNumber) form.orderNumber = order;
    } else if (step === "order") {
      if (isNoOrder(text)) {
        form.noOrder = true;
      } else {
        const parsed = parseOrderNumberReply(text);
        if (!parsed.ok) {
          ctx.act("ticket");
          const key = parsed.issue === "too_long" ? "ticket.orderTooLong" : "ticket.orderInvalid";
          ctx.reply(ticketMessages.t(ctx, key, { max: TICKET_LIMITS.orderNumber }), [
            { kind: "action", label: ticketMessages.t(ctx, "ticket.noOrder"), action: "ticket.noorder" },
            cancelButton(ctx),
          ]);
          return;
        }
        form.orderNumber = parsed.value;
      }
    }
    await proceed(ctx, form);
  }

  function cancel(ctx: TurnContext): void {
    ctx.endFlow();
    ctx.reply(ticketMessages.t(ctx, "ticket.cancelled"));
    ctx.act("ticket");
  }

  function claimsMessage(ctx: TurnContext): boolean {
    const intent = ctx.understanding.intent;
    if (ctx.event.type !== "message" || !intent || intent.outOfScope) return false;
    if (!(intent.name in INTENT_TICKET_CATEGORY) || intent.confidence < intentThreshold) return false;
    return claims(ctx);
  }
  /** Only text that fits the field asked for is the answer; anything else is handled as what it is. */
  function declines(ctx: TurnContext): boolean {
    const text = ctx.text.trim();
    if (isCancel(text)) return false;
    if (asksForPerson(ctx)) return true;
    switch (ctx.activeFlow?.step) {
      case "order":
        // Only an order number (or "I don't have one") answers this; a question or a sentence
        // about something else is handled as what it is. A mistyped number is asked again.
        return (
          !isNoOrder(text) &&
          !parseOrderNumberReply(text).ok &&
          (looksLikeQuestion(text) || isDescriptive(text))
        );
      case "category":
        return matchCategory(ctx, text) === undefined && looksLikeQuestion(text);
      default:
        // A problem description may be phrased as a question; a question the FAQ answers is one.
        return looksLikeQuestion(text) && faqDecisionFor(ctx, options.knowledge) === "answer";
    }
  }
  async function handle(ctx: TurnContext): Promise<void> {
    const event = ctx.event;
    const active = ctx.activeFlow?.name === "ticket" ? ctx.activeFlow : undefined;
    const form = ticketFormSchema.catch({}).parse(active?.data ?? {});
    if (event.type === "action") {
      if (event.action === "ticket.cancel") return cancel(ctx);
      if (event.action === "ticket.category" && event.value && categories().includes(event.value)) {
        form.category = event.value;
      } else if (event.action === "ticket.noorder") {
        form.noOrder = true;
      } else if (event.action === "ticket.start") {
        return start(ctx, faqMemory(ctx.state).lastQuestion ?? "");
      }
      return proceed(ctx, form);
    }
    if (event.type === "command") {
      if (!event.fields) return start(ctx, event.args);
      const open = await openTicket(ctx);
      if (open) return addToOpen(ctx, open, event.args);
      return proceed(ctx, formFromFields(ctx, event.fields));
    }
    if (active) return continueForm(ctx, active.step, form);
    return start(ctx, ctx.text);
  }
  return {
    name: "ticket",
    install(composer) {
      composer.command("ticket", handle);
      composer.action("ticket.", handle);
      composer.step(handle, { declines, interrupted: (ctx) => ticketMessages.t(ctx, "ticket.formStopped") });
      composer.hears(claimsMessage, handle);
    },
  };
}

/** Equal once case and runs of white space are ignored. */
function sameText(a: string, b: string): boolean {
  const normal = (text: string) => text.trim().replace(/\s+/g, " ").toLowerCase();
  return normal(a) === normal(b);
}
