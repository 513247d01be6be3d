import { z } from "zod";
import type { SqlRow } from "./db/sql-database.ts";
import {
  type DueTimer,
  dueTimerSchema,
  type Ticket,
  type TicketEvent,
  type TicketMessage,
  ticketEventSchema,
  ticketMessageSchema,
  ticketSchema,
} from "./ticket-types.ts";

const nullableText = z.string().nullable();
const nullableTime = z.number().nullable();
// Booleans are stored as 0/1 on both engines.
const flag = z.union([z.literal(0), z.literal(1)]).transform((value) => value === 1);

const ticketRow = z
  .object({
    id: z.string(),
    number: z.number(),
    address: z.string(),
    channel: z.string(),
    customer_id: z.string(),
    customer_name: nullableText,
    language: z.string(),
    category: z.string(),
    team: z.string(),
    subject: z.string(),
    description: z.string(),
    order_number: nullableText,
    priority: z.string(),
    status: z.string(),
    assignee: nullableText,
    created_at: z.number(),
    updated_at: z.number(),
    first_response_at: nullableTime,
    solved_at: nullableTime,
    closed_at: nullableTime,
    auto_closed: flag,
    csat_score: z.number().nullable(),
    csat_comment: nullableText,
    csat_at: nullableTime,
    first_response_due_at: z.number(),
    resolution_due_at: z.number(),
    sla_paused_ms: z.number(),
    sla_paused_since: nullableTime,
    anonymised_at: nullableTime,
  })
  .transform((row) =>
    ticketSchema.parse({
      id: row.id,
      number: row.number,
      address: row.address,
      channel: row.channel,
      customerId: row.customer_id,
      customerName: row.customer_name,
      language: row.language,
      category: row.category,
      team: row.team,
      subject: row.subject,
      description: row.description,
      orderNumber: row.order_number,
      priority: row.priority,
      status: row.status,
      assignee: row.assignee,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      firstResponseAt: row.first_response_at,
      solvedAt: row.solved_at,
      closedAt: row.closed_at,
      autoClosed: row.auto_closed,
      csatScore: row.csat_score,
      csatComment: row.csat_comment,
      csatAt: row.csat_at,
      firstResponseDueAt: row.first_response_due_at,
      resolutionDueAt: row.resolution_due_at,
      slaPausedMs: row.sla_paused_ms,
      slaPausedSince: row.sla_paused_since,
      anonymisedAt: row.anonymised_at,
    }),
  );

/** Parses a `tickets` row (all columns). */
export function parseTicketRow(row: SqlRow): Ticket {
  return ticketRow.parse(row);
}

/** Parses a `ticket_events` row. */
export function parseEventRow(row: SqlRow): TicketEvent {
  return ticketEventSchema.parse({
    id: row.id,
    ticketId: row.ticket_id,
    type: row.type,
    actor: row.actor,
    data: typeof row.data === "string" ? JSON.parse(row.data) : row.data,
    at: row.at,
  });
}

/** Parses a `ticket_messages` row. */
export function parseMessageRow(row: SqlRow): TicketMessage {
  return ticketMessageSchema.parse({
    id: row.id,
    ticketId: row.ticket_id,
    author: row.author,
    authorName: row.author_name,
    text: row.text,
    at: row.at,
  });
}

/** Parses an `sla_timers` row selected as `id, ticket_id, target, kind, due_at`. */
export function parseTimerRow(row: SqlRow): DueTimer {
  return dueTimerSchema.parse({
    id: row.id,
    ticketId: row.ticket_id,
    target: row.target,
    kind: row.kind,
    dueAt: row.due_at,
  });
}
