import type { TurnContext } from "../../src/core/context.ts";
import type { Feature } from "../../src/core/feature.ts";
import { parseTicketId } from "../../src/tickets/ticket-id.ts";
import { ticketMessages } from "../../src/tickets/ticket-messages.ts";
import type { TicketService } from "../../src/tickets/ticket-service.ts";
import { ticketFields } from "../../src/tickets/ticket-trace.ts";

/**
 * `/status` (or "what's happening with my ticket?") lists the customer's open tickets with their
 * state and next step; `/status T-1042` shows one — only if it is theirs.
 */
export function statusFeature(options: { tickets: TicketService; intentThreshold?: number }): Feature {
  const threshold = options.intentThreshold ?? 0.6;
  // Only a request about the customer's own ticket: a question that mentions tickets or carries an
  // e-mail or phone number is not one, whatever the classifier says.
  function asksStatus(ctx: TurnContext): boolean {
    if (ctx.event.type !== "message" || ctx.understanding.statusRequest === false) return false;
    const intent = ctx.understanding.intent;
    if (intent?.name === "ticket_status" && intent.confidence >= threshold) return true;
    return ctx.understanding.statusRequest === true && parseTicketId(ctx.text) !== undefined;
  }
  async function status(ctx: TurnContext): Promise<void> {
    const { store } = options.tickets;
    ctx.act("command");
    const wanted = parseTicketId(ctx.event.type === "command" ? ctx.event.args : ctx.text);
    if (wanted) {
      const ticket = await store.getForCustomer(wanted, ctx.user.channel, ctx.user.id);
      if (!ticket) {
        ctx.reply(ticketMessages.t(ctx, "status.notFound", { id: wanted }));
        return;
      }
      ctx.reply(options.tickets.statusLine(ticket, ctx.language));
      ctx.act("ticket", ticketFields(ticket));
      return;
    }
    const open = await store.listByCustomer(ctx.user.channel, ctx.user.id, { openOnly: true });
    if (open.length === 0) {
      ctx.reply(ticketMessages.t(ctx, "status.none"));
      return;
    }
    const lines = open.map((ticket) => `- ${options.tickets.statusLine(ticket, ctx.language)}`);
    ctx.reply(`${ticketMessages.t(ctx, "status.header")}\n\n${lines.join("\n")}`);
  }
  return {
    name: "ticket-status",
    install(composer) {
      composer.command("status", status);
      composer.hears(asksStatus, status);
    },
  };
}
