import { z } from "zod";
import { defineTraceExtension, prioritySchema } from "../core/trace.ts";

/** The ticket a turn opened, showed or rated. */
export const ticketTrace = defineTraceExtension("ticket", {
  ticket: z.object({ id: z.string(), category: z.string(), priority: prioritySchema }),
});

/** The trace fields of `ticket`. */
export function ticketFields(ticket: {
  id: string;
  category: string;
  priority: z.infer<typeof prioritySchema>;
}) {
  return ticketTrace.with({
    ticket: { id: ticket.id, category: ticket.category, priority: ticket.priority },
  });
}
