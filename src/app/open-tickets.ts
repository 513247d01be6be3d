import type { OutcomeCap } from "../core/gate.ts";
import type { Logger } from "../core/logger.ts";
import type { ProactivePort } from "../core/proactive.ts";
import type { KnowledgeService } from "../kb/knowledge-service.ts";
import { assignmentOverridesFromEnv } from "../tickets/assignment.ts";
import type { CsatOptOut } from "../tickets/csat-opt-out.ts";
import type { SqlDatabase } from "../tickets/db/sql-database.ts";
import { openTicketDatabase, ticketDatabaseOptionsFromEnv } from "../tickets/open-ticket-database.ts";
import { createPiiRevealLog } from "../tickets/pii-reveals.ts";
import { slaPolicyFromEnv } from "../tickets/sla/sla-env.ts";
import type { TicketDesk } from "../tickets/ticket-desk.ts";
import { createTicketService, type TicketService } from "../tickets/ticket-service.ts";
import { createTicketStore } from "../tickets/ticket-store.ts";
import type { Config } from "./config.ts";

/** Opens the ticket database (SQLite file or `DATABASE_URL`), migrates it, and builds the service. */
export async function openTickets(deps: {
  config: Config;
  knowledge: KnowledgeService;
  logger: Logger;
  customers: ProactivePort;
  /** New tickets per customer (RATE_LIMIT_TICKETS). */
  cap?: OutcomeCap | undefined;
  /** The staff desk new tickets reach (built after the tickets). */
  desk?: () => TicketDesk | undefined;
  /** Customers who asked not to be surveyed (a state-store namespace). */
  csatOptOut?: CsatOptOut | undefined;
}): Promise<{ db: SqlDatabase; tickets: TicketService }> {
  const { config } = deps;
  const env = config as unknown as Record<string, string | undefined>;
  const db = await openTicketDatabase({
    ...ticketDatabaseOptionsFromEnv(env, config.DATA_DIR),
    logger: deps.logger,
  });
  const policy = slaPolicyFromEnv(env);
  const store = createTicketStore({ db, sla: policy });
  const tickets = createTicketService({
    store,
    policy,
    categories: () => deps.knowledge.current().kb.ticketCategories,
    teamOverrides: assignmentOverridesFromEnv(env),
    customers: deps.customers,
    logger: deps.logger,
    vipUsers: config.VIP_USERS,
    showAgentNames: config.TICKET_SHOW_AGENT_NAMES,
    reopenWindowMs: config.TICKET_REOPEN_DAYS * 24 * 3600 * 1000,
    reveals: createPiiRevealLog({ db }),
    ...(deps.csatOptOut ? { csatOptOut: deps.csatOptOut } : {}),
    ...(deps.cap ? { cap: deps.cap } : {}),
    ...(deps.desk ? { desk: deps.desk } : {}),
  });
  return { db, tickets };
}
