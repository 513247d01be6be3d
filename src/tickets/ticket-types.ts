import { z } from "zod";
import { prioritySchema } from "../model/priority.ts";

/**
 * Ticket lifecycle. `pending_customer` pauses the SLA clock (we are waiting on them);
 * `pending_internal` does not (we are waiting on ourselves).
 */
export const ticketStatuses = [
  "new",
  "open",
  "pending_customer",
  "pending_internal",
  "solved",
  "closed",
] as const;
export const ticketStatusSchema = z.enum(ticketStatuses);
export type TicketStatus = (typeof ticketStatuses)[number];

/** Statuses in which the customer is still waiting for an outcome. */
export const openTicketStatuses: readonly TicketStatus[] = [
  "new",
  "open",
  "pending_customer",
  "pending_internal",
];

/** Audit-log entry types. Event data never contains what the customer wrote. */
export const ticketEventTypes = [
  "created",
  "message",
  "priority_changed",
  "assigned",
  "status_changed",
  "sla_warning",
  "sla_breached",
  "csat",
  "anonymised",
] as const;
export const ticketEventTypeSchema = z.enum(ticketEventTypes);
export type TicketEventType = (typeof ticketEventTypes)[number];

/** Who wrote a transcript line; `note` is internal and never shown to the customer. */
export const messageAuthors = ["customer", "agent", "bot", "note"] as const;
export const messageAuthorSchema = z.enum(messageAuthors);

/** The two SLA targets of a ticket. */
export const slaTargets = ["first_response", "resolution"] as const;
export const slaTargetKindSchema = z.enum(slaTargets);
export type SlaTargetName = (typeof slaTargets)[number];

/** An SLA timer warns (at the warning ratio of the target) or marks the breach (at 100%). */
export const slaTimerKinds = ["warning", "breach"] as const;
export type SlaTimerKind = (typeof slaTimerKinds)[number];

/** A ticket as stored. Absent values are `null` (database semantics), timestamps are epoch ms. */
export const ticketSchema = z.object({
  /** Human-friendly id, `T-1042`. */
  id: z.string(),
  number: z.number().int(),
  /** Conversation address (`channel:conversation[:thread]`) to push updates to. */
  address: z.string(),
  channel: z.string(),
  customerId: z.string(),
  customerName: z.string().nullable(),
  language: z.string(),
  category: z.string(),
  team: z.string(),
  subject: z.string(),
  description: z.string(),
  orderNumber: z.string().nullable(),
  priority: prioritySchema,
  status: ticketStatusSchema,
  assignee: z.string().nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
  firstResponseAt: z.number().nullable(),
  solvedAt: z.number().nullable(),
  closedAt: z.number().nullable(),
  autoClosed: z.boolean(),
  csatScore: z.number().int().min(1).max(5).nullable(),
  csatComment: z.string().nullable(),
  csatAt: z.number().nullable(),
  /** Due times as of the last change; suspended while `slaPausedSince` is set. */
  firstResponseDueAt: z.number(),
  resolutionDueAt: z.number(),
  /** Business time spent waiting on the customer, excluded from the SLA clock. */
  slaPausedMs: z.number(),
  slaPausedSince: z.number().nullable(),
  anonymisedAt: z.number().nullable(),
});
export type Ticket = z.infer<typeof ticketSchema>;

/** One audit-log entry. */
export const ticketEventSchema = z.object({
  id: z.number().int(),
  ticketId: z.string(),
  type: ticketEventTypeSchema,
  actor: z.string(),
  data: z.record(z.string(), z.unknown()),
  at: z.number(),
});
export type TicketEvent = z.infer<typeof ticketEventSchema>;

/** One transcript line. */
export const ticketMessageSchema = z.object({
  id: z.number().int(),
  ticketId: z.string(),
  author: messageAuthorSchema,
  authorName: z.string().nullable(),
  text: z.string(),
  at: z.number(),
});
export type TicketMessage = z.infer<typeof ticketMessageSchema>;

/** An SLA timer that is due and not yet fired. */
export const dueTimerSchema = z.object({
  id: z.number().int(),
  ticketId: z.string(),
  target: slaTargetKindSchema,
  kind: z.enum(slaTimerKinds),
  dueAt: z.number(),
});
export type DueTimer = z.infer<typeof dueTimerSchema>;
