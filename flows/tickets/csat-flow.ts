import type { TurnContext } from "../../src/core/context.ts";
import type { Feature } from "../../src/core/feature.ts";
import { STOP_ASKING } from "../../src/tickets/csat-opt-out.ts";
import { TicketError } from "../../src/tickets/errors.ts";
import { ticketMessages } from "../../src/tickets/ticket-messages.ts";
import type { TicketService } from "../../src/tickets/ticket-service.ts";
import { ticketFields } from "../../src/tickets/ticket-trace.ts";
import { asksForPerson, isAcknowledgement, isCancel, looksLikeQuestion } from "../commands/interruptions.ts";

/**
 * The satisfaction survey after a ticket is solved: a 1–5 rating recorded once per ticket, then an
 * optional comment (the next message, when it reads as one) or Skip. A question or a request for a
 * person after the rating is not a comment: it goes to the flow that handles it.
 */
export function csatFeature(options: { tickets: TicketService }): Feature {
  const { store } = options.tickets;
  /** A question or a request for a person after the rating is not a comment. */
  function declines(ctx: TurnContext): boolean {
    const text = ctx.text.trim();
    if (isCancel(text) || isAcknowledgement(text) || STOP_ASKING.test(text)) return false;
    return asksForPerson(ctx) || looksLikeQuestion(text);
  }
  async function optOut(ctx: TurnContext): Promise<void> {
    ctx.act("ticket");
    ctx.endFlow();
    await options.tickets.csatOptOut?.set({ channel: ctx.user.channel, id: ctx.user.id });
    ctx.reply(ticketMessages.t(ctx, "csat.optedOut"));
  }
  async function handle(ctx: TurnContext): Promise<void> {
    const event = ctx.event;
    if ((event.type === "action" && event.action === "csat.optout") || STOP_ASKING.test(ctx.text))
      return optOut(ctx);
    ctx.act("ticket");
    if (event.type === "action" && event.action === "csat.rate") {
      const [ticketId, scoreText] = (event.value ?? "").split(":");
      const score = Number(scoreText);
      const ticket = ticketId
        ? await store.getForCustomer(ticketId, ctx.user.channel, ctx.user.id)
        : undefined;
      if (!ticket || !Number.isInteger(score) || score < 1 || score > 5) {
        ctx.reply(ticketMessages.t(ctx, "csat.unavailable"));
        return;
      }
      try {
        await store.recordCsat(ticket.id, { score }, { actor: `customer:${ctx.user.id}` });
      } catch (error) {
        if (!(error instanceof TicketError)) throw error;
        ctx.reply(ticketMessages.t(ctx, ticket.csatScore === null ? "csat.unavailable" : "csat.already"));
        return;
      }
      ctx.setFlow("comment", { ticketId: ticket.id });
      ctx.reply(ticketMessages.t(ctx, "csat.thanks", { score }), [
        { kind: "action", label: ticketMessages.t(ctx, "csat.skip"), action: "csat.skip", value: ticket.id },
      ]);
      ticketFields(ticket).apply(ctx.trace);
      return;
    }
    const ticketId = ctx.activeFlow?.data.ticketId;
    ctx.endFlow();
    if (event.type === "action") {
      ctx.reply("👍");
      return;
    }
    if (isCancel(ctx.text) || isAcknowledgement(ctx.text)) {
      ctx.reply(ticketMessages.t(ctx, "csat.noComment"));
      return;
    }
    if (event.type === "message" && typeof ticketId === "string" && ctx.text.trim() !== "") {
      await store
        .recordCsatComment(ticketId, ctx.text.trim().slice(0, 2000), { actor: `customer:${ctx.user.id}` })
        .catch((error: unknown) => {
          if (!(error instanceof TicketError)) throw error;
        });
      ctx.reply(ticketMessages.t(ctx, "csat.commentThanks"));
    }
  }
  return {
    name: "csat",
    install(composer) {
      composer.action("csat.", handle);
      composer.hears((ctx) => STOP_ASKING.test(ctx.text), optOut);
      composer.step(handle, { declines, interrupted: (ctx) => ticketMessages.t(ctx, "csat.commentSkipped") });
    },
  };
}
