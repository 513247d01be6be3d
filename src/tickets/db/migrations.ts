import type { DialectSql } from "./dialect.ts";

/** One schema change. Versions are never reused or edited once released: add a new one instead. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  /** The statements, one per string, for the engine described by `sql`. */
  statements(sql: DialectSql): string[];
}

/** The number of the first ticket (`T-1001`); lower numbers look like test data to customers. */
const FIRST_TICKET_NUMBER = 1001;

const statuses = "'new','open','pending_customer','pending_internal','solved','closed'";
const priorities = "'low','normal','high','urgent'";
const eventTypes =
  "'created','message','priority_changed','assigned','status_changed','sla_warning','sla_breached','csat','anonymised'";

/** Every migration, in order. */
export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: "tickets",
    statements: ({ bigint, serialPrimaryKey, ticketNumberSource }) => [
      `CREATE TABLE tickets (
        id TEXT PRIMARY KEY,
        number ${bigint} NOT NULL UNIQUE,
        address TEXT NOT NULL,
        channel TEXT NOT NULL,
        customer_id TEXT NOT NULL,
        customer_name TEXT,
        language TEXT NOT NULL,
        category TEXT NOT NULL,
        team TEXT NOT NULL,
        subject TEXT NOT NULL,
        description TEXT NOT NULL,
        order_number TEXT,
        priority TEXT NOT NULL CHECK (priority IN (${priorities})),
        status TEXT NOT NULL CHECK (status IN (${statuses})),
        assignee TEXT,
        created_at ${bigint} NOT NULL,
        updated_at ${bigint} NOT NULL,
        first_response_at ${bigint},
        solved_at ${bigint},
        closed_at ${bigint},
        auto_closed SMALLINT NOT NULL DEFAULT 0 CHECK (auto_closed IN (0, 1)),
        csat_score SMALLINT CHECK (csat_score BETWEEN 1 AND 5),
        csat_comment TEXT,
        csat_at ${bigint},
        first_response_due_at ${bigint} NOT NULL,
        resolution_due_at ${bigint} NOT NULL,
        sla_paused_ms ${bigint} NOT NULL DEFAULT 0,
        sla_paused_since ${bigint},
        anonymised_at ${bigint}
      )`,
      "CREATE INDEX tickets_customer ON tickets (channel, customer_id, created_at)",
      "CREATE INDEX tickets_status ON tickets (status, updated_at)",
      `CREATE TABLE ticket_events (
        id ${serialPrimaryKey},
        ticket_id TEXT NOT NULL REFERENCES tickets (id),
        type TEXT NOT NULL CHECK (type IN (${eventTypes})),
        actor TEXT NOT NULL,
        data TEXT NOT NULL,
        at ${bigint} NOT NULL
      )`,
      "CREATE INDEX ticket_events_ticket ON ticket_events (ticket_id, id)",
      `CREATE TABLE ticket_messages (
        id ${serialPrimaryKey},
        ticket_id TEXT NOT NULL REFERENCES tickets (id),
        author TEXT NOT NULL CHECK (author IN ('customer','agent','bot','note')),
        author_name TEXT,
        text TEXT NOT NULL,
        at ${bigint} NOT NULL
      )`,
      "CREATE INDEX ticket_messages_ticket ON ticket_messages (ticket_id, id)",
      `CREATE TABLE sla_timers (
        id ${serialPrimaryKey},
        ticket_id TEXT NOT NULL REFERENCES tickets (id),
        target TEXT NOT NULL CHECK (target IN ('first_response','resolution')),
        kind TEXT NOT NULL CHECK (kind IN ('warning','breach')),
        due_at ${bigint},
        fired_at ${bigint},
        outcome TEXT CHECK (outcome IN ('fired','met')),
        UNIQUE (ticket_id, target, kind)
      )`,
      "CREATE INDEX sla_timers_due ON sla_timers (due_at) WHERE fired_at IS NULL",
      `CREATE TABLE faq_feedback (
        id ${serialPrimaryKey},
        entry_id TEXT NOT NULL,
        helpful SMALLINT NOT NULL CHECK (helpful IN (0, 1)),
        language TEXT NOT NULL,
        at ${bigint} NOT NULL
      )`,
      "CREATE INDEX faq_feedback_entry ON faq_feedback (entry_id)",
      ...ticketNumberSource(FIRST_TICKET_NUMBER),
    ],
  },
  {
    version: 2,
    name: "user_blocks",
    // Blocks are a record: lifting one fills lifted_* and never deletes the row.
    statements: ({ bigint, serialPrimaryKey }) => [
      `CREATE TABLE user_blocks (
        id ${serialPrimaryKey},
        channel TEXT NOT NULL,
        user_id TEXT NOT NULL,
        conversation TEXT,
        reason TEXT NOT NULL CHECK (length(reason) > 0),
        blocked_by_id TEXT NOT NULL,
        blocked_by_name TEXT NOT NULL,
        blocked_at ${bigint} NOT NULL,
        expires_at ${bigint},
        notified_at ${bigint},
        lifted_at ${bigint},
        lifted_by_id TEXT,
        lifted_by_name TEXT,
        lift_reason TEXT
      )`,
      "CREATE INDEX user_blocks_user ON user_blocks (channel, user_id, blocked_at)",
      "CREATE INDEX user_blocks_open ON user_blocks (blocked_at) WHERE lifted_at IS NULL",
    ],
  },
  {
    version: 3,
    name: "pii_reveals",
    // Who saw a ticket's personal data unmasked on the desk, and when; it holds none itself.
    statements: ({ bigint, serialPrimaryKey }) => [
      `CREATE TABLE pii_reveals (
        id ${serialPrimaryKey},
        ticket_id TEXT NOT NULL REFERENCES tickets (id),
        agent_id TEXT NOT NULL,
        agent_name TEXT NOT NULL,
        at ${bigint} NOT NULL
      )`,
      "CREATE INDEX pii_reveals_ticket ON pii_reveals (ticket_id, at)",
    ],
  },
  {
    version: 4,
    name: "insight_turns",
    // One row per processed turn, for /insights: what was understood and done, no text and no
    // customer id (the conversation is a one-way digest, enough to count conversations).
    statements: ({ bigint, serialPrimaryKey }) => [
      `CREATE TABLE insight_turns (
        id ${serialPrimaryKey},
        conversation TEXT NOT NULL,
        channel TEXT NOT NULL,
        language TEXT NOT NULL,
        action TEXT,
        intent TEXT,
        sentiment TEXT,
        faq_id TEXT,
        escalation_reason TEXT,
        at ${bigint} NOT NULL
      )`,
      "CREATE INDEX insight_turns_at ON insight_turns (at)",
    ],
  },
];
