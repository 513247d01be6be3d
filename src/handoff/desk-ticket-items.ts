import type { Logger } from "../core/logger.ts";
import { maskPii } from "../privacy/staff-mask.ts";
import type { Desk, HandoffPacket } from "./desk.ts";
import type { HandoffRecords } from "./handoff-records.ts";
import type { DeskTicket, DeskTicketState } from "./handoff-types.ts";

/** Tickets on the desk beside hand-offs: form tickets posted, SLA alerts, lifecycle changes shown. */
export interface DeskTicketItems {
  postTicket(item: DeskTicket): Promise<void>;
  alertTicket(conversation: string, ticketId: string, text: string): Promise<boolean>;
  ticketChanged(conversation: string, ticket: DeskTicketState, text: string): Promise<boolean>;
}

export function createDeskTicketItems(options: {
  records: HandoffRecords;
  desk: Desk;
  logger: Logger;
  now: () => number;
}): DeskTicketItems {
  const { records, desk, now, logger: log } = options;
  return {
    async postTicket(item) {
      const onDesk = await records.get(item.conversation);
      if (onDesk) {
        if (onDesk.packet.ticket?.id === item.ticket.id) return;
        await records.relay(onDesk, {
          from: "system",
          text: `Ticket ${item.ticket.id} opened: ${item.subject}`,
        });
        return;
      }
      const description = item.description.trim() === item.subject.trim() ? [] : [item.description];
      const packet: HandoffPacket = {
        conversation: item.conversation,
        channel: item.channel,
        customer: {
          id: item.customer.id,
          ...(item.customer.name ? { name: maskPii(item.customer.name) } : {}),
        },
        language: item.language,
        reason: "ticket opened by the customer",
        priority: item.priority,
        summary: [item.subject, ...description].map((line) => maskPii(line.slice(0, 500))),
        triedFaqIds: [],
        status: "queued",
        openedAt: now(),
        ticket: item.ticket,
        team: item.team,
        category: item.category,
        kind: "ticket",
      };
      const deskRef = await desk.open(packet);
      await records.put({ packet, deskRef, updatedAt: now() });
      log.info({ conversation: item.conversation, ticket: item.ticket.id }, "ticket posted to the desk");
    },

    async alertTicket(conversation, ticketId, text) {
      const found = await records.get(conversation);
      if (!found || found.packet.ticket?.id !== ticketId) return false;
      if (desk.alert) await desk.alert(found.deskRef, found.packet, text);
      else await records.relay(found, { from: "system", text });
      return true;
    },

    async ticketChanged(conversation, ticket, text) {
      const found = await records.get(conversation);
      if (!found?.packet.ticket || found.packet.ticket.id !== ticket.id) return false;
      const saved = await records.save(conversation, found, {
        ticket: { ...found.packet.ticket, status: ticket.status },
        team: ticket.team,
      });
      if (text !== "") await records.relay(saved, { from: "system", text });
      return true;
    },
  };
}
