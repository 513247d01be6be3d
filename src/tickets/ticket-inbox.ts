import { z } from "zod";
import type { HandoffRecord } from "../handoff/handoff-types.ts";
import { PRIORITIES, type Priority } from "../model/priority.ts";
import { maskPii } from "../privacy/staff-mask.ts";
import type { TicketStore } from "./ticket-store.ts";
import { openTicketStatuses, type Ticket } from "./ticket-types.ts";

/** One row of the staff inbox: a ticket, a hand-off, or both (a hand-off's ticket). */
export interface InboxItem {
  conversation: string;
  kind: "handoff" | "ticket";
  ticketId: string | null;
  /** The customer's (masked) name, or their id. */
  customer: string;
  channel: string;
  language: string;
  team: string | null;
  priority: Priority;
  /** The ticket's status (`new` … `closed`); a hand-off without a ticket: its ownership. */
  status: string;
  owner: string | null;
  /** The SLA due time that matters now (first reply, then resolution); null while paused or done. */
  dueAt: number | null;
  /** `past` after the due time, `near` in its last fifth (or hour), else `ok`. */
  sla: "ok" | "near" | "past" | null;
  subject: string;
  updatedAt: number;
  /** The item is on the desk (people can reply to the conversation). */
  onDesk: boolean;
}

/** The inbox's filters and search, as a desk page sends them (query parameters). */
export const inboxQuerySchema = z.object({
  view: z.enum(["open", "history"]).default("open"),
  /** Only items this person owns (their name). */
  mine: z.string().trim().min(1).max(80).optional(),
  unassigned: z
    .enum(["1", "true"])
    .optional()
    .transform((value) => value !== undefined),
  team: z.string().trim().min(1).max(128).optional(),
  status: z.string().trim().min(1).max(32).optional(),
  priority: z.string().trim().min(1).max(16).optional(),
  channel: z.string().trim().min(1).max(64).optional(),
  /** Ticket id, customer, or words of the subject, description or transcript. */
  q: z.string().trim().min(1).max(200).optional(),
});
export type InboxQuery = z.output<typeof inboxQuerySchema>;

const HOUR = 3600 * 1000;
const HISTORY_LIMIT = 200;

/** Which SLA target is running for a ticket, and how close it is. */
export function slaOf(ticket: Ticket, now: number): Pick<InboxItem, "dueAt" | "sla"> {
  if (ticket.slaPausedSince !== null || ticket.status === "solved" || ticket.status === "closed")
    return { dueAt: null, sla: null };
  const dueAt = ticket.firstResponseAt === null ? ticket.firstResponseDueAt : ticket.resolutionDueAt;
  if (now > dueAt) return { dueAt, sla: "past" };
  const nearFrom = dueAt - Math.min(HOUR, (dueAt - ticket.createdAt) / 5);
  return { dueAt, sla: now >= nearFrom ? "near" : "ok" };
}

function customerOf(name: string | null | undefined, id: string): string {
  return name ? maskPii(name) : id;
}

function fromTicket(ticket: Ticket, found: HandoffRecord | undefined, now: number): InboxItem {
  return {
    conversation: ticket.address,
    kind: found && found.packet.kind !== "ticket" ? "handoff" : "ticket",
    ticketId: ticket.id,
    customer: customerOf(ticket.customerName, ticket.customerId),
    channel: ticket.channel,
    language: ticket.language,
    team: ticket.team,
    priority: ticket.priority,
    status: ticket.status,
    owner: found?.packet.agent?.name ?? ticket.assignee,
    ...slaOf(ticket, now),
    subject: maskPii(ticket.subject),
    updatedAt: Math.max(ticket.updatedAt, found?.updatedAt ?? 0),
    onDesk: found !== undefined,
  };
}

function fromRecord(found: HandoffRecord): InboxItem {
  const { packet } = found;
  return {
    conversation: packet.conversation,
    kind: packet.kind ?? "handoff",
    ticketId: packet.ticket?.id ?? null,
    customer: packet.customer.name ?? packet.customer.id,
    channel: packet.channel,
    language: packet.language,
    team: packet.team ?? null,
    priority: packet.priority,
    status: packet.status,
    owner: packet.agent?.name ?? null,
    dueAt: null,
    sla: null,
    subject: packet.summary[0] ?? packet.reason,
    updatedAt: found.updatedAt,
    onDesk: true,
  };
}

/**
 * The staff inbox: every open ticket and hand-off (or, with `view: history`, the solved and closed
 * tickets), filtered and searched. Personal data is masked in what it returns; search reads the
 * stored text (so staff can find a ticket by the e-mail address the customer gave).
 */
export async function listInbox(
  sources: { store: TicketStore; handoffs: () => Promise<HandoffRecord[]>; now?: () => number },
  query: InboxQuery,
): Promise<InboxItem[]> {
  const now = (sources.now ?? Date.now)();
  const records = await sources.handoffs();
  const byTicket = new Map(
    records.flatMap((found) => (found.packet.ticket ? [[found.packet.ticket.id, found]] : [])),
  );
  const tickets =
    query.view === "history"
      ? (await sources.store.listByStatus(["solved", "closed"], { limit: 1000 }))
          .sort((a, b) => b.updatedAt - a.updatedAt)
          .slice(0, HISTORY_LIMIT)
      : await sources.store.listByStatus(openTicketStatuses, { limit: 1000 });
  const items = new Map<string, { item: InboxItem; ticket?: Ticket }>();
  for (const ticket of tickets)
    items.set(ticket.id, { item: fromTicket(ticket, byTicket.get(ticket.id), now), ticket });
  if (query.view === "open") {
    for (const found of records) {
      const id = found.packet.ticket?.id;
      // A hand-off's ticket already solved or closed is history, whatever the index still holds.
      if (id !== undefined && (items.has(id) || (await sources.store.get(id)))) continue;
      items.set(`conversation:${found.packet.conversation}`, { item: fromRecord(found) });
    }
  }
  const kept: InboxItem[] = [];
  for (const { item, ticket } of items.values()) {
    if (matches(item, query) && (await searched(sources.store, item, ticket, query.q))) kept.push(item);
  }
  return query.view === "history"
    ? kept
    : kept.sort(
        (a, b) =>
          (a.dueAt ?? Number.POSITIVE_INFINITY) - (b.dueAt ?? Number.POSITIVE_INFINITY) ||
          PRIORITIES.indexOf(b.priority) - PRIORITIES.indexOf(a.priority) ||
          a.updatedAt - b.updatedAt,
      );
}

function matches(item: InboxItem, query: InboxQuery): boolean {
  if (query.mine && item.owner !== query.mine) return false;
  if (query.unassigned && item.owner !== null) return false;
  if (query.team && item.team !== query.team) return false;
  if (query.status && item.status !== query.status) return false;
  if (query.priority && item.priority !== query.priority) return false;
  if (query.channel && item.channel !== query.channel) return false;
  return true;
}

async function searched(
  store: TicketStore,
  item: InboxItem,
  ticket: Ticket | undefined,
  q: string | undefined,
): Promise<boolean> {
  if (!q) return true;
  const wanted = q.toLowerCase();
  const has = (text: string | null | undefined) => (text ?? "").toLowerCase().includes(wanted);
  if (has(item.ticketId) || has(item.customer) || has(item.subject) || has(item.conversation)) return true;
  if (!ticket) return false;
  if (has(ticket.customerName) || has(ticket.customerId) || has(ticket.description)) return true;
  return (await store.listMessages(ticket.id)).some((message) => has(message.text));
}
