import { z } from "zod";
import type { SqlExecutor } from "./db/sql-database.ts";

/** One time a person saw a ticket's personal data unmasked. */
export interface PiiReveal {
  ticketId: string;
  agent: { id: string; name: string };
  at: number;
}

/** The record of reveals: written before the data is shown, never edited. */
export interface PiiRevealLog {
  record(ticketId: string, agent: { id: string; name: string }): Promise<PiiReveal>;
  list(ticketId: string): Promise<PiiReveal[]>;
}

const revealRow = z.object({
  ticket_id: z.string(),
  agent_id: z.string(),
  agent_name: z.string(),
  at: z.coerce.number(),
});

export function createPiiRevealLog(options: { db: SqlExecutor; clock?: () => number }): PiiRevealLog {
  const clock = options.clock ?? Date.now;
  return {
    async record(ticketId, agent) {
      const at = clock();
      await options.db.execute(
        "INSERT INTO pii_reveals (ticket_id, agent_id, agent_name, at) VALUES (?, ?, ?, ?)",
        [ticketId, agent.id.slice(0, 128), agent.name.slice(0, 80), at],
      );
      return { ticketId, agent, at };
    },
    async list(ticketId) {
      const rows = await options.db.query("SELECT * FROM pii_reveals WHERE ticket_id = ? ORDER BY at, id", [
        ticketId,
      ]);
      return rows.map((row) => {
        const parsed = revealRow.parse(row);
        return {
          ticketId: parsed.ticket_id,
          agent: { id: parsed.agent_id, name: parsed.agent_name },
          at: parsed.at,
        };
      });
    },
  };
}
