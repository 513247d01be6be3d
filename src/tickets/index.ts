/**
 * The ticket system's public surface for flows and the app: storage, SLA policy and scheduler,
 * priority and routing. Import from here rather than from the individual files.
 */
export { migrate } from "./db/migrate.ts";
export { createPostgresDatabase, type PostgresDatabaseOptions } from "./db/postgres-database.ts";
export type { SqlDatabase, SqlDialect, SqlExecutor, SqlValue } from "./db/sql-database.ts";
export { createSqliteDatabase, type SqliteDatabaseOptions } from "./db/sqlite-database.ts";
export * from "./errors.ts";
export type { FaqFeedbackSummary } from "./faq-feedback.ts";
export {
  openTicketDatabase,
  type TicketDatabaseOptions,
  ticketDatabaseOptionsFromEnv,
} from "./open-ticket-database.ts";
export {
  DEFAULT_PRIORITY_RULES,
  type PriorityInput,
  type PriorityRule,
  type PriorityVerdict,
  scorePriority,
} from "./priority.ts";
export { type CategoryTeam, parseRoutingOverrides, routeCategory } from "./routing.ts";
export {
  addBusinessTime,
  type BusinessCalendar,
  businessTimeBetween,
  createBusinessCalendar,
  isBusinessTime,
  nextBusinessMoment,
} from "./sla/business-calendar.ts";
export { type DueLanguage, formatDue } from "./sla/format-due.ts";
export {
  DEFAULT_BUSINESS_HOURS,
  DEFAULT_SLA_TARGETS,
  type SlaConfig,
  type SlaConfigInput,
  slaConfigSchema,
} from "./sla/sla-config.ts";
export { SLA_ENV_VARIABLES, slaPolicyFromEnv } from "./sla/sla-env.ts";
export {
  computeSlaSchedule,
  createSlaPolicy,
  type SlaPolicy,
  type SlaSchedule,
  slaTargetMs,
} from "./sla/sla-policy.ts";
export {
  createSlaScheduler,
  type SlaEvent,
  type SlaScheduler,
  type SlaSchedulerOptions,
} from "./sla/sla-scheduler.ts";
export { type AnonymiseResult, ERASED } from "./ticket-anonymise.ts";
export { formatTicketId, parseTicketId } from "./ticket-id.ts";
export type { AddMessageInput, CreateTicketInput, CsatInput, FaqFeedbackInput } from "./ticket-input.ts";
export { TICKET_LIMITS } from "./ticket-input.ts";
export {
  type ActorOption,
  createTicketStore,
  type TicketStore,
  type TicketStoreOptions,
} from "./ticket-store.ts";
export type { FireResult } from "./ticket-timers.ts";
export { canTransition, TICKET_TRANSITIONS } from "./ticket-transitions.ts";
export * from "./ticket-types.ts";
