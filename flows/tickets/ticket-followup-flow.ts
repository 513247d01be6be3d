import type { TurnContext } from "../../src/core/context.ts";
import type { Feature } from "../../src/core/feature.ts";
import type { HandoffRecord } from "../../src/handoff/handoff-service.ts";
import { ownershipOf } from "../../src/handoff/ownership.ts";
import { lastTicketIdOf } from "../../src/tickets/conversation-ticket.ts";
import { ticketMessages } from "../../src/tickets/ticket-messages.ts";
import type { TicketService } from "../../src/tickets/ticket-service.ts";
import { ticketFields } from "../../src/tickets/ticket-trace.ts";
import type { Ticket } from "../../src/tickets/ticket-types.ts";
import { asksForPerson, isAcknowledgement, looksLikeQuestion } from "../commands/interruptions.ts";

/** Short messages of these intents after the solve are politeness, not the problem coming back. */
const SMALLTALK = new Set(["greeting", "thanks", "goodbye"]);

/** What the follow-up needs from the hand-off: the desk item, and the relay that shows a line on it. */
export interface FollowUpDesk {
  get(conversation: string): Promise<HandoffRecord | undefined>;
  relayCustomer(ctx: TurnContext): Promise<void>;
}

/**
 * The customer's next message about their ticket while the bot has the conversation: a ticket
 * waiting on them goes back to the team with their reply, and a recently solved one
 * (`TICKET_REOPEN_DAYS`) is reopened. Either way the desk sees the message and the customer is told.
 * Other messages pass on untouched.
 */
export function ticketFollowUpFeature(options: { tickets: TicketService; desk: FollowUpDesk }): Feature {
  const { tickets } = options;

  async function followedUp(ctx: TurnContext): Promise<Ticket | undefined> {
    const id = lastTicketIdOf(ctx.state);
    if (id === undefined) return undefined;
    const ticket = await tickets.store.getForCustomer(id, ctx.user.channel, ctx.user.id);
    if (!ticket) return undefined;
    if (ticket.status === "pending_customer") return ticket;
    // "Thanks!", a new question or a request for a person after the solve is not the problem coming
    // back: those go to the features that answer them.
    const smalltalk = SMALLTALK.has(ctx.understanding.intent?.name ?? "") && ctx.text.length <= 40;
    const other =
      smalltalk || isAcknowledgement(ctx.text) || looksLikeQuestion(ctx.text) || asksForPerson(ctx);
    return tickets.reopenable(ticket) && !other ? ticket : undefined;
  }

  async function follow(ctx: TurnContext, ticket: Ticket): Promise<void> {
    const onDesk = await options.desk.get(ctx.conversation);
    let reopened: boolean;
    if (onDesk?.packet.ticket?.id === ticket.id) {
      // The desk item's relay adds the message to the ticket and moves it on (see HandoffTicketPort).
      await options.desk.relayCustomer(ctx);
      reopened = ticket.status === "solved";
    } else {
      reopened = (await tickets.customerWrote(ticket, ctx.text, `customer:${ctx.user.id}`)) === "reopened";
    }
    ctx.reply(ticketMessages.t(ctx, reopened ? "followup.reopened" : "followup.resumed", { id: ticket.id }));
    const after = await tickets.store.get(ticket.id);
    ctx.act("ticket", ticketFields(after ?? ticket));
  }

  return {
    name: "ticket-follow-up",
    install(composer) {
      composer.use(async (ctx, next) => {
        const eligible =
          ctx.event.type === "message" &&
          ctx.text.trim() !== "" &&
          (ownershipOf(ctx.state)?.status ?? "bot") === "bot" &&
          composer.stepTaking(ctx) === undefined;
        const ticket = eligible ? await followedUp(ctx) : undefined;
        if (!ticket) return next();
        await follow(ctx, ticket);
      });
    },
  };
}
