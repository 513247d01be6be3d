import { z } from "zod";
import { defineTraceExtension } from "../core/trace.ts";
import { type Priority, prioritySchema } from "../model/priority.ts";

/** The ticket a turn opened, showed or rated. */
export const ticketTrace = defineTraceExtension("ticket", {
  ticket: z.object({ id: z.string(), category: z.string(), priority: prioritySchema }),
});

/** The trace fields of `ticket`, for `ctx.act`. */
export function ticketFields(ticket: { id: string; category: string; priority: Priority }) {
  return ticketTrace.with({
    ticket: { id: ticket.id, category: ticket.category, priority: ticket.priority },
  });
}
