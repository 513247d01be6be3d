import { type Priority, prioritySchema } from "../model/priority.ts";
import type { SqlDatabase, SqlExecutor, SqlValue } from "./db/sql-database.ts";
import { TicketConflictError } from "./errors.ts";
import { type FaqFeedbackSummary, insertFaqFeedback, summariseFaqFeedback } from "./faq-feedback.ts";
import type { SlaPolicy } from "./sla/sla-policy.ts";
import { computeSlaSchedule } from "./sla/sla-policy.ts";
import { type AnonymiseResult, anonymiseCustomerTickets } from "./ticket-anonymise.ts";
import { insertTicket } from "./ticket-create.ts";
import { assertCsatAllowed } from "./ticket-csat.ts";
import {
  type AddMessageInput,
  actorSchema,
  addMessageInputSchema,
  type CreateTicketInput,
  type CsatInput,
  csatInputSchema,
  type FaqFeedbackInput,
  faqFeedbackInputSchema,
  parseTicketInput,
  teamSchema,
  validateCreateInput,
} from "./ticket-input.ts";
import { parseEventRow, parseMessageRow, parseTicketRow, parseTimerRow } from "./ticket-rows.ts";
import { insertEvent, lockTicket, reschedule, updateTicket } from "./ticket-sql.ts";
import { applyStatus } from "./ticket-status.ts";
import { type FireResult, fireTimerInTx } from "./ticket-timers.ts";
import {
  type DueTimer,
  openTicketStatuses,
  type Ticket,
  type TicketEvent,
  type TicketMessage,
  type TicketStatus,
  ticketStatusSchema,
} from "./ticket-types.ts";

/** Who did it: `customer`, `bot`, `agent:<name>` or `system`; never the customer's name or id. */
export interface ActorOption {
  actor?: string;
}

/**
 * The ticket system's storage. Every write is one transaction; records are zod-checked on the way
 * in and out. Methods taking a ticket id throw `TicketNotFoundError` for an unknown one.
 */
export interface TicketStore {
  /**
   * Opens a ticket: allocates the next `T-####` id and writes the ticket, its `created` event and
   * its four SLA timers in one transaction. Throws `TicketValidationError` (nothing written) for
   * an unknown category or a missing or over-long field.
   */
  create(input: CreateTicketInput, rules: { allowedCategories: readonly string[] }): Promise<Ticket>;
  get(id: string): Promise<Ticket | undefined>;
  /** The ticket when it belongs to this customer, otherwise undefined (even when it exists). */
  getForCustomer(id: string, channel: string, customerId: string): Promise<Ticket | undefined>;
  /** A customer's tickets, newest first; `openOnly` leaves out solved and closed ones. */
  listByCustomer(channel: string, customerId: string, options?: { openOnly?: boolean }): Promise<Ticket[]>;
  /** Tickets in some statuses, least recently updated first (auto-close sweeps, desk views). */
  listByStatus(
    statuses: readonly TicketStatus[],
    options?: { updatedBefore?: number; limit?: number },
  ): Promise<Ticket[]>;
  /**
   * Appends a transcript line. The first `agent` line sets `firstResponseAt`; a `customer` line on
   * a `pending_customer` ticket moves it back to `open`, which restarts the SLA clock.
   */
  addMessage(id: string, message: AddMessageInput, options?: ActorOption): Promise<TicketMessage>;
  listMessages(id: string): Promise<TicketMessage[]>;
  listEvents(id: string): Promise<TicketEvent[]>;
  /**
   * Changes status (allowed moves: `TICKET_TRANSITIONS`; same status is a no-op). Entering
   * `pending_customer` pauses the SLA clock, leaving it resumes it with the due times moved back.
   * Throws `TicketConflictError` for a forbidden move.
   */
  setStatus(
    id: string,
    status: TicketStatus,
    options?: ActorOption & { metrics?: Record<string, number> },
  ): Promise<Ticket>;
  /** Sets or clears (`null`) the assignee. */
  assign(id: string, assignee: string | null, options?: ActorOption): Promise<Ticket>;
  /**
   * Moves the ticket to another team and/or person (`null`: nobody in that team yet), recorded as an
   * `assigned` event with `transfer: true`. The SLA timers are left as they are: the clock keeps running.
   */
  transfer(id: string, to: { team: string; assignee: string | null }, options?: ActorOption): Promise<Ticket>;
  /** Changes priority and moves the unfired SLA timers to the new targets. */
  setPriority(
    id: string,
    priority: Priority,
    options?: ActorOption & { reasons?: string[] },
  ): Promise<Ticket>;
  /** Records the CSAT answer: once per ticket, only once solved, never after an auto-close. */
  recordCsat(id: string, csat: CsatInput, options?: ActorOption): Promise<Ticket>;
  /** Adds the optional comment to a rating already recorded (once). */
  recordCsatComment(id: string, comment: string, options?: ActorOption): Promise<Ticket>;
  /** Closes a solved or `pending_customer` ticket automatically (idempotent); no CSAT may follow. */
  autoClose(id: string, options?: ActorOption): Promise<Ticket>;
  recordFaqFeedback(feedback: FaqFeedbackInput): Promise<void>;
  faqFeedbackSummary(): Promise<FaqFeedbackSummary[]>;
  /** Erases a customer's personal data from all their tickets (GDPR/PIPA erasure request). */
  anonymiseCustomer(channel: string, customerId: string, options?: ActorOption): Promise<AnonymiseResult>;
  /** Unfired, unsuspended timers due at `now`, earliest first. */
  dueTimers(now: number, limit?: number): Promise<DueTimer[]>;
  /** Marks a timer fired; true only for the one caller whose conditional update won. */
  markFired(timerId: number): Promise<boolean>;
  /**
   * Claims a timer due at `now` (default: the store clock) and writes its SLA event in one
   * transaction: what the scheduler uses, so a crash cannot claim a timer without its event.
   */
  fireTimer(timerId: number, now?: number): Promise<FireResult>;
}

/** Options for {@link createTicketStore}. */
export interface TicketStoreOptions {
  /** A migrated database (see `migrate`). */
  db: SqlDatabase;
  sla: SlaPolicy;
  /** Epoch-ms clock; inject a fake one in tests. */
  clock?: () => number;
}

/** Creates a {@link TicketStore} over a migrated {@link SqlDatabase}. */
export function createTicketStore(options: TicketStoreOptions): TicketStore {
  const { db, sla } = options;
  const clock = options.clock ?? Date.now;
  const actorOf = (value: ActorOption | undefined, fallback: string): string =>
    value?.actor === undefined ? fallback : parseTicketInput(actorSchema, value.actor);
  const placeholders = (values: readonly unknown[]) => values.map(() => "?").join(", ");

  async function list(where: string, params: SqlValue[], order: string): Promise<Ticket[]> {
    const rows = await db.query(`SELECT * FROM tickets WHERE ${where} ORDER BY ${order}`, params);
    return rows.map(parseTicketRow);
  }

  /** Runs `change` on the locked ticket in one transaction and returns the ticket as committed. */
  function update(
    id: string,
    change: (tx: SqlExecutor, ticket: Ticket, now: number) => Promise<unknown>,
  ): Promise<Ticket> {
    return db.transaction(async (tx) => {
      const ticket = await lockTicket(tx, id);
      await change(tx, ticket, clock());
      return lockTicket(tx, id);
    });
  }

  return {
    async create(input, rules) {
      const valid = validateCreateInput(input, rules.allowedCategories);
      const now = clock();
      const schedule = computeSlaSchedule(sla, { startedAt: now, priority: valid.priority });
      return db.transaction((tx) => insertTicket(tx, valid, schedule, now));
    },

    async get(id) {
      const row = (await db.query("SELECT * FROM tickets WHERE id = ?", [id]))[0];
      return row ? parseTicketRow(row) : undefined;
    },

    async getForCustomer(id, channel, customerId) {
      const tickets = await list(
        "id = ? AND channel = ? AND customer_id = ?",
        [id, channel, customerId],
        "id",
      );
      return tickets[0];
    },

    async listByCustomer(channel, customerId, listOptions = {}) {
      const statuses = listOptions.openOnly ? openTicketStatuses : [];
      const open = statuses.length > 0 ? ` AND status IN (${placeholders(statuses)})` : "";
      return list(
        `channel = ? AND customer_id = ?${open}`,
        [channel, customerId, ...statuses],
        "created_at DESC, number DESC",
      );
    },

    async listByStatus(statuses, listOptions = {}) {
      const valid = statuses.map((status) => parseTicketInput(ticketStatusSchema, status));
      if (valid.length === 0) return [];
      const params: SqlValue[] = [...valid];
      let where = `status IN (${placeholders(valid)})`;
      if (listOptions.updatedBefore !== undefined) {
        where += " AND updated_at < ?";
        params.push(listOptions.updatedBefore);
      }
      params.push(Math.min(Math.max(Math.trunc(listOptions.limit ?? 100), 1), 1000));
      return list(where, params, "updated_at, number LIMIT ?");
    },

    async addMessage(id, message, messageOptions) {
      const valid = parseTicketInput(addMessageInputSchema, message);
      const actor = actorOf(messageOptions, valid.author);
      return db.transaction(async (tx) => {
        const ticket = await lockTicket(tx, id);
        const now = clock();
        const rows = await tx.query(
          "INSERT INTO ticket_messages (ticket_id, author, author_name, text, at) VALUES (?, ?, ?, ?, ?) RETURNING *",
          [id, valid.author, valid.authorName ?? null, valid.text, now],
        );
        const saved = parseMessageRow(rows[0] ?? {});
        const columns: Record<string, SqlValue> = { updated_at: now };
        if (valid.author === "agent" && ticket.firstResponseAt === null) columns.first_response_at = now;
        await updateTicket(tx, id, columns);
        const data = { messageId: saved.id, author: valid.author };
        await insertEvent(tx, { ticketId: id, type: "message", actor, data, at: now });
        if (valid.author === "customer" && ticket.status === "pending_customer") {
          await applyStatus(tx, sla, ticket, "open", { actor, now });
        }
        return saved;
      });
    },

    async listMessages(id) {
      const rows = await db.query("SELECT * FROM ticket_messages WHERE ticket_id = ? ORDER BY id", [id]);
      return rows.map(parseMessageRow);
    },

    async listEvents(id) {
      const rows = await db.query("SELECT * FROM ticket_events WHERE ticket_id = ? ORDER BY id", [id]);
      return rows.map(parseEventRow);
    },

    async setStatus(id, status, statusOptions) {
      const to = parseTicketInput(ticketStatusSchema, status);
      const actor = actorOf(statusOptions, "system");
      const metrics = statusOptions?.metrics;
      return update(id, (tx, ticket, now) =>
        applyStatus(tx, sla, ticket, to, { actor, now, ...(metrics ? { metrics } : {}) }),
      );
    },

    async assign(id, assignee, assignOptions) {
      const to = assignee === null ? null : parseTicketInput(actorSchema, assignee);
      const actor = actorOf(assignOptions, "system");
      return update(id, async (tx, ticket, now) => {
        if (ticket.assignee === to) return;
        await updateTicket(tx, id, { assignee: to, updated_at: now });
        const data = { from: ticket.assignee, to };
        await insertEvent(tx, { ticketId: id, type: "assigned", actor, data, at: now });
      });
    },

    async transfer(id, to, transferOptions) {
      const team = parseTicketInput(teamSchema, to.team);
      const assignee = to.assignee === null ? null : parseTicketInput(actorSchema, to.assignee);
      const actor = actorOf(transferOptions, "system");
      return update(id, async (tx, ticket, now) => {
        if (ticket.team === team && ticket.assignee === assignee) return;
        await updateTicket(tx, id, { team, assignee, updated_at: now });
        const data = {
          from: ticket.assignee,
          to: assignee,
          fromTeam: ticket.team,
          toTeam: team,
          transfer: true,
        };
        await insertEvent(tx, { ticketId: id, type: "assigned", actor, data, at: now });
      });
    },

    async setPriority(id, priority, priorityOptions) {
      const to = parseTicketInput(prioritySchema, priority);
      const actor = actorOf(priorityOptions, "system");
      const reasons = priorityOptions?.reasons ?? [];
      return update(id, async (tx, ticket, now) => {
        if (ticket.priority === to) return;
        await updateTicket(tx, id, { priority: to, updated_at: now });
        const due = await reschedule(tx, sla, { ...ticket, priority: to });
        const data = { from: ticket.priority, to, reasons, ...due };
        await insertEvent(tx, { ticketId: id, type: "priority_changed", actor, data, at: now });
      });
    },

    async recordCsat(id, csat, csatOptions) {
      const valid = parseTicketInput(csatInputSchema, csat);
      const actor = actorOf(csatOptions, "customer");
      const comment = valid.comment ?? null;
      return update(id, async (tx, ticket, now) => {
        assertCsatAllowed(ticket);
        await updateTicket(tx, id, {
          csat_score: valid.score,
          csat_comment: comment,
          csat_at: now,
          updated_at: now,
        });
        // The comment is the customer's own words: kept on the ticket (where erasure finds it), not in the log.
        const data = { score: valid.score, hasComment: comment !== null };
        await insertEvent(tx, { ticketId: id, type: "csat", actor, data, at: now });
      });
    },

    async recordCsatComment(id, comment, commentOptions) {
      const valid = parseTicketInput(csatInputSchema, { score: 1, comment });
      const actor = actorOf(commentOptions, "customer");
      return update(id, async (tx, ticket, now) => {
        if (ticket.csatScore === null || ticket.csatComment !== null) {
          throw new TicketConflictError(
            id,
            "csat_already_recorded",
            `Ticket ${id} has no rating to comment on, or a comment already.`,
          );
        }
        await updateTicket(tx, id, { csat_comment: valid.comment ?? null, updated_at: now });
        await insertEvent(tx, { ticketId: id, type: "csat", actor, data: { hasComment: true }, at: now });
      });
    },

    async autoClose(id, closeOptions) {
      const actor = actorOf(closeOptions, "system");
      return update(id, async (tx, ticket, now) => {
        if (ticket.status === "closed") return;
        if (ticket.status !== "solved" && ticket.status !== "pending_customer") {
          throw new TicketConflictError(
            id,
            "invalid_transition",
            `Ticket ${id} is ${ticket.status}: only solved or pending_customer tickets are closed automatically.`,
          );
        }
        await applyStatus(tx, sla, ticket, "closed", { actor, now, auto: true });
      });
    },

    async recordFaqFeedback(feedback) {
      const valid = parseTicketInput(faqFeedbackInputSchema, feedback);
      await insertFaqFeedback(db, { ...valid, at: clock() });
    },

    faqFeedbackSummary: () => summariseFaqFeedback(db),

    async anonymiseCustomer(channel, customerId, anonymiseOptions) {
      const actor = actorOf(anonymiseOptions, "customer");
      return db.transaction((tx) =>
        anonymiseCustomerTickets(tx, { channel, customerId, actor, now: clock() }),
      );
    },

    async dueTimers(now, limit = 100) {
      const rows = await db.query(
        "SELECT id, ticket_id, target, kind, due_at FROM sla_timers WHERE fired_at IS NULL AND due_at IS NOT NULL AND due_at <= ? ORDER BY due_at, id LIMIT ?",
        [now, limit],
      );
      return rows.map(parseTimerRow);
    },

    async markFired(timerId) {
      const sql = "UPDATE sla_timers SET fired_at = ?, outcome = 'fired' WHERE id = ? AND fired_at IS NULL";
      return (await db.execute(sql, [clock(), timerId])) === 1;
    },

    fireTimer: (timerId, now) => db.transaction((tx) => fireTimerInTx(tx, timerId, now ?? clock())),
  };
}
