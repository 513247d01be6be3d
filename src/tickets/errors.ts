/**
 * Machine-readable ticket error codes. Each says who has to act:
 * - `TICKET_INVALID`: the caller (usually the customer, via a flow) sent bad input; nothing was written.
 * - `TICKET_NOT_FOUND`: no ticket with that id (or not one the caller may see).
 * - `TICKET_CONFLICT`: the ticket's state forbids the operation (CSAT twice, closed ticket reopened, …).
 * - `TICKET_LIMITED`: the customer already has a fresh open ticket or reached their ticket budget.
 * - `TICKET_STORE_FAILED`: the database failed or is unreachable; the operator has to fix it.
 * - `TICKET_MIGRATION_FAILED`: the schema could not be brought up to date; the operator has to fix it.
 */
export type TicketErrorCode =
  | "TICKET_INVALID"
  | "TICKET_NOT_FOUND"
  | "TICKET_CONFLICT"
  | "TICKET_LIMITED"
  | "TICKET_STORE_FAILED"
  | "TICKET_MIGRATION_FAILED";

/** Base class of every error thrown by `src/tickets`: `code` for programs, `message` for people. */
export class TicketError extends Error {
  readonly code: TicketErrorCode;

  constructor(code: TicketErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "TicketError";
    this.code = code;
  }
}

/** What was wrong with one input field. */
export type TicketValidationIssue = "missing" | "too_long" | "unknown_category" | "invalid";

/**
 * Ticket input was refused before anything was written. `field` names the input field and `issue`
 * what is wrong with it, so a flow can re-ask exactly that question.
 */
export class TicketValidationError extends TicketError {
  readonly field: string;
  readonly issue: TicketValidationIssue;

  constructor(field: string, issue: TicketValidationIssue, message: string) {
    super("TICKET_INVALID", message);
    this.name = "TicketValidationError";
    this.field = field;
    this.issue = issue;
  }
}

/** No ticket with this id exists. */
export class TicketNotFoundError extends TicketError {
  readonly ticketId: string;

  constructor(ticketId: string) {
    super("TICKET_NOT_FOUND", `Ticket ${ticketId} does not exist: check the id (it looks like T-1042).`);
    this.name = "TicketNotFoundError";
    this.ticketId = ticketId;
  }
}

/** Why a state change was refused. */
export type TicketConflictReason =
  | "invalid_transition"
  | "csat_already_recorded"
  | "csat_not_solved"
  | "csat_after_auto_close";

/** The ticket exists but its current state forbids the operation; nothing was written. */
export class TicketConflictError extends TicketError {
  readonly ticketId: string;
  readonly reason: TicketConflictReason;

  constructor(ticketId: string, reason: TicketConflictReason, message: string) {
    super("TICKET_CONFLICT", message);
    this.name = "TicketConflictError";
    this.ticketId = ticketId;
    this.reason = reason;
  }
}

/**
 * No ticket was opened: the customer opened one a moment ago that is still open (`open`, with its
 * id), or reached their budget of new tickets (`rate`, with when the next one may be opened).
 */
export class TicketLimitError extends TicketError {
  readonly limit: "open" | "rate";
  readonly ticketId: string | undefined;
  readonly retryAfterMs: number;

  constructor(limit: "open" | "rate", details: { ticketId?: string; retryAfterMs?: number }) {
    super(
      "TICKET_LIMITED",
      limit === "open"
        ? `The customer's ticket ${details.ticketId ?? ""} opened a moment ago is still open: no second ticket was opened.`
        : "The customer reached their budget of new tickets (RATE_LIMIT_TICKETS): no ticket was opened.",
    );
    this.name = "TicketLimitError";
    this.limit = limit;
    this.ticketId = details.ticketId;
    this.retryAfterMs = details.retryAfterMs ?? 0;
  }
}

/** The database failed or could not be reached. */
export class TicketStoreError extends TicketError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("TICKET_STORE_FAILED", message, options);
    this.name = "TicketStoreError";
  }
}

/** A schema migration failed; the transaction was rolled back and no version was recorded. */
export class TicketMigrationError extends TicketError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("TICKET_MIGRATION_FAILED", message, options);
    this.name = "TicketMigrationError";
  }
}
