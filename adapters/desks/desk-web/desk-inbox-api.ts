import { Hono } from "hono";
import { z } from "zod";
import type { Logger } from "../../../src/core/logger.ts";
import type { TranscriptStore } from "../../../src/core/transcript.ts";
import type { HandoffService } from "../../../src/handoff/handoff-service.ts";
import type { LocalDesk } from "../../../src/handoff/local-desk.ts";
import { OwnershipError } from "../../../src/handoff/ownership.ts";
import { maskPii } from "../../../src/privacy/staff-mask.ts";
import { createDeskTicketActions } from "../../../src/tickets/desk-ticket-actions.ts";
import { TicketError, TicketValidationError } from "../../../src/tickets/errors.ts";
import { inboxQuerySchema, listInbox } from "../../../src/tickets/ticket-inbox.ts";
import type { TicketService } from "../../../src/tickets/ticket-service.ts";
import { type Ticket, ticketStatuses } from "../../../src/tickets/ticket-types.ts";
import { agentBodySchema, jsonBody } from "./desk-request.ts";

const statusBodySchema = z.object({ agent: agentBodySchema, status: z.enum(ticketStatuses) });
const transferBodySchema = z.object({
  agent: agentBodySchema,
  team: z.string().trim().min(1, "team is required").max(128),
  /** The person who takes it over; absent: the item waits for the new team, unassigned. */
  to: agentBodySchema.optional(),
  note: z.string().trim().max(2_000, "note is limited to 2,000 characters").optional(),
});

/** A ticket as staff read it: personal data masked in the free text. */
function ticketView(ticket: Ticket) {
  return {
    ...ticket,
    customerName: ticket.customerName === null ? null : maskPii(ticket.customerName),
    subject: maskPii(ticket.subject),
    description: maskPii(ticket.description),
    csatComment: ticket.csatComment === null ? null : maskPii(ticket.csatComment),
  };
}

/**
 * The inbox part of the desk API: every open ticket and hand-off with filters and search, the
 * history, one conversation with its whole transcript and the ticket's events, and the ticket
 * lifecycle (status, transfer). Access is checked before these routes run.
 */
export function createDeskInboxApi(options: {
  handoff: HandoffService;
  tickets: TicketService;
  desk: LocalDesk;
  transcript?: TranscriptStore | undefined;
  logger: Logger;
}): Hono {
  const { handoff, tickets, desk, logger: log } = options;
  const { store } = tickets;
  const api = new Hono();

  const actions = createDeskTicketActions({ handoff, tickets });

  api.get("/api/desk/inbox", async (c) => {
    const query = inboxQuerySchema.safeParse(c.req.query());
    if (!query.success) return c.json({ error: `Invalid filter: ${z.prettifyError(query.error)}` }, 400);
    const items = await listInbox({ store, handoffs: () => handoff.list() }, query.data);
    return c.json({ items, teams: tickets.teams() });
  });

  api.get("/api/desk/conversations/:conversation", async (c) => {
    const conversation = c.req.param("conversation");
    const ticketId = c.req.query("ticket");
    const ticket = ticketId ? await store.get(ticketId) : undefined;
    if (ticket && ticket.address !== conversation)
      return c.json({ error: "That ticket is not this conversation's" }, 400);
    const found = await handoff.get(conversation);
    if (!found && !ticket) return c.json({ error: `Nothing on the desk for ${conversation}` }, 404);
    const entries = (await options.transcript?.list(conversation)) ?? [];
    const transcript = entries.flatMap((entry) => [
      ...(entry.text.trim() === "" || (entry.type !== "message" && entry.type !== "command")
        ? []
        : [{ at: entry.at, from: "customer", text: maskPii(entry.text) }]),
      ...entry.replies.map((reply) => ({ at: entry.at, from: "bot", text: maskPii(reply.text) })),
    ]);
    return c.json({
      conversation,
      packet: found?.packet ?? null,
      lines: found ? await desk.lines(conversation) : [],
      transcript,
      ticket: ticket ? ticketView(ticket) : null,
      events: ticket ? await store.listEvents(ticket.id) : [],
      reveals: ticket ? ((await tickets.reveals?.list(ticket.id)) ?? []) : [],
      messages: ticket
        ? (await store.listMessages(ticket.id)).map((message) => ({
            ...message,
            text: maskPii(message.text),
          }))
        : [],
    });
  });

  // Personal data unmasked, only for the person who owns the ticket, and only after the reveal is on record.
  api.post("/api/desk/tickets/:id/reveal", async (c) => {
    const ticket = await store.get(c.req.param("id"));
    if (!ticket) return c.json({ error: `No ticket ${c.req.param("id")}` }, 404);
    const read = await jsonBody(c);
    if ("refused" in read) return read.refused;
    const body = z.object({ agent: agentBodySchema }).safeParse(read.json);
    if (!body.success) return c.json({ error: `Invalid request: ${z.prettifyError(body.error)}` }, 400);
    const { agent } = body.data;
    const found = await handoff.get(ticket.address);
    const owns =
      (found?.packet.ticket?.id === ticket.id && found.packet.agent?.id === agent.id) ||
      ticket.assignee === agent.name;
    if (!owns)
      return c.json(
        { error: `Only the person who owns ${ticket.id} can see its personal data: claim it first` },
        403,
      );
    if (!tickets.reveals) return c.json({ error: "Reveals are not recorded here, so none is allowed" }, 503);
    const reveal = await tickets.reveals.record(ticket.id, agent);
    log.info({ ticket: ticket.id, agent: agent.id }, "personal data revealed on the desk");
    const entries = (await options.transcript?.list(ticket.address)) ?? [];
    return c.json({
      reveal,
      ticket: {
        id: ticket.id,
        customerName: ticket.customerName,
        subject: ticket.subject,
        description: ticket.description,
        orderNumber: ticket.orderNumber,
      },
      messages: await store.listMessages(ticket.id),
      transcript: entries.flatMap((entry) =>
        entry.text.trim() === "" ? [] : [{ at: entry.at, text: entry.text }],
      ),
    });
  });

  api.post("/api/desk/tickets/:id/:action", async (c) => {
    const action = c.req.param("action");
    if (action !== "status" && action !== "transfer")
      return c.json({ error: `Unknown ticket action "${action}": use status or transfer` }, 404);
    const ticket = await store.get(c.req.param("id"));
    if (!ticket) return c.json({ error: `No ticket ${c.req.param("id")}` }, 404);
    const read = await jsonBody(c);
    if ("refused" in read) return read.refused;
    const schema = action === "status" ? statusBodySchema : transferBodySchema;
    const body = schema.safeParse(read.json);
    if (!body.success) return c.json({ error: `Invalid request: ${z.prettifyError(body.error)}` }, 400);
    const { agent } = body.data;
    let after: Ticket;
    try {
      if ("status" in body.data) after = await actions.setStatus(ticket.id, body.data.status, agent);
      else {
        const { team, to, note } = body.data;
        after = await actions.transfer(ticket.id, agent, {
          team,
          ...(to ? { to } : {}),
          ...(note ? { note } : {}),
        });
      }
    } catch (error) {
      if (error instanceof TicketValidationError) return c.json({ error: error.message }, 400);
      if (error instanceof TicketError || error instanceof OwnershipError)
        return c.json({ error: error.message }, 409);
      throw error;
    }
    log.info({ ticket: ticket.id, agent: agent.id, action }, "desk ticket action");
    return c.json({ ticket: ticketView(after) });
  });

  return api;
}
