import { z } from "zod";
import { defineSlice } from "../core/slice.ts";
import type { ConversationState } from "../core/state.ts";

/** The ticket a conversation opened last (the form's, or the one behind a hand-off). */
const conversationTicketSlice = defineSlice("tickets", z.object({ lastTicketId: z.string().max(64) }));

export function lastTicketIdOf(state: Pick<ConversationState, "slices">): string | undefined {
  return conversationTicketSlice.get(state)?.lastTicketId;
}

export function rememberTicket(state: Pick<ConversationState, "slices">, ticketId: string): void {
  conversationTicketSlice.set(state, { lastTicketId: ticketId });
}
