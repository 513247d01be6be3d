import type { Flow } from "../../src/core/flow.ts";
import { TicketError } from "../../src/tickets/errors.ts";
import type { TicketService } from "../../src/tickets/ticket-service.ts";

/**
 * The satisfaction survey after a ticket is solved: a 1–5 rating recorded once per ticket, then an
 * optional comment (the next message) or Skip.
 */
export function createCsatFlow(options: { tickets: TicketService }): Flow {
  const { store } = options.tickets;
  return {
    name: "csat",
    actions: ["csat."],
    async handle(ctx) {
      const event = ctx.event;
      ctx.act("ticket");
      if (event.type === "action" && event.action === "csat.rate") {
        const [ticketId, scoreText] = (event.value ?? "").split(":");
        const score = Number(scoreText);
        const ticket = ticketId
          ? await store.getForCustomer(ticketId, ctx.user.channel, ctx.user.id)
          : undefined;
        if (!ticket || !Number.isInteger(score) || score < 1 || score > 5) {
          ctx.reply(ctx.t("csat.unavailable"));
          return;
        }
        try {
          await store.recordCsat(ticket.id, { score }, { actor: `customer:${ctx.user.id}` });
        } catch (error) {
          if (!(error instanceof TicketError)) throw error;
          ctx.reply(ctx.t(ticket.csatScore === null ? "csat.unavailable" : "csat.already"));
          return;
        }
        ctx.setFlow("comment", { ticketId: ticket.id });
        ctx.reply(ctx.t("csat.thanks", { score }), [
          { kind: "action", label: ctx.t("csat.skip"), action: "csat.skip", value: ticket.id },
        ]);
        ctx.trace.ticket = { id: ticket.id, category: ticket.category, priority: ticket.priority };
        return;
      }
      const ticketId = ctx.activeFlow?.data.ticketId;
      ctx.endFlow();
      if (event.type === "action") {
        ctx.reply("👍");
        return;
      }
      if (ctx.text.trim().endsWith("?")) {
        // A new question, not a comment on the rating: answer it as usual.
        ctx.followUp(ctx.text);
        return;
      }
      if (event.type === "message" && typeof ticketId === "string" && ctx.text.trim() !== "") {
        await store
          .recordCsatComment(ticketId, ctx.text.trim().slice(0, 2000), { actor: `customer:${ctx.user.id}` })
          .catch((error: unknown) => {
            if (!(error instanceof TicketError)) throw error;
          });
        ctx.reply(ctx.t("csat.commentThanks"));
      }
    },
  };
}
