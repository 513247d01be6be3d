import { describe, expect, it } from "vitest";
import type { HandoffRecord } from "../../src/handoff/handoff-types.ts";
import type { Priority } from "../../src/model/priority.ts";
import { inboxQuerySchema, listInbox } from "../../src/tickets/ticket-inbox.ts";
import type { TicketStore } from "../../src/tickets/ticket-store.ts";

/** A hand-off without a ticket (no SLA due time), so only priority and age order it. */
function waiting(conversation: string, priority: Priority, updatedAt: number): HandoffRecord {
  return {
    packet: {
      conversation,
      channel: "web",
      customer: { id: conversation },
      language: "en",
      priority,
      status: "queued",
      summary: [`${priority} question`],
      reason: "asked for a person",
    },
    deskRef: { id: conversation },
    updatedAt,
  } as unknown as HandoffRecord;
}

const noTickets = {
  listByStatus: async () => [],
  get: async () => undefined,
  listMessages: async () => [],
} as unknown as TicketStore;

describe("the staff inbox's order", () => {
  it("puts the most urgent first among items without a due time, then the longest waiting", async () => {
    const records = [
      waiting("web:low", "low", 1),
      waiting("web:urgent", "urgent", 5),
      waiting("web:normal-new", "normal", 4),
      waiting("web:high", "high", 3),
      waiting("web:normal-old", "normal", 2),
    ];
    const items = await listInbox(
      { store: noTickets, handoffs: async () => records, now: () => 10 },
      inboxQuerySchema.parse({}),
    );
    expect(items.map((item) => item.conversation)).toEqual([
      "web:urgent",
      "web:high",
      "web:normal-old",
      "web:normal-new",
      "web:low",
    ]);
  });
});
