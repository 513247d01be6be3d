import type { TurnContext } from "../core/context.ts";
import type { ProactiveContext } from "../core/proactive.ts";
import type { TranscriptEntry } from "../core/transcript.ts";
import type { Priority } from "../model/priority.ts";
import type { DeskRef, HandoffPacket } from "./desk.ts";
import type { Agent, Ownership } from "./ownership.ts";

/** A hand-off as the desk index keeps it: the packet and where it lives. */
export interface HandoffRecord {
  packet: HandoffPacket;
  deskRef: DeskRef;
  updatedAt: number;
}

/**
 * The new ownership, and for the customer when a person will reply (ticket id, due time). A
 * `refusal` (status `bot`) says, in the customer's language, why no hand-off was opened.
 */
export type EscalationOutcome = Ownership & { notice?: string; refusal?: string };

/** A transfer of a desk item to another team and/or person, with a note for them. */
export interface TransferRequest {
  team: string;
  /** The person who takes it over; absent: the item waits, unassigned, for the new team. */
  to?: Agent | undefined;
  note?: string | undefined;
}

/** The ticket a hand-off opened: its id and, for the desk and the customer, where it went and when. */
export interface HandoffTicket {
  id: string;
  team?: string;
  category?: string;
  dueText?: string;
  customerNotice?: string;
}

/** Ticket details attached to a hand-off (filled by the ticket system when present). */
export interface HandoffTicketPort {
  /** Opens (or reuses) the ticket; `entries` is the conversation so far, to describe the case from. */
  open(
    ctx: TurnContext,
    request: { reason: string; priority: Priority },
    entries?: readonly TranscriptEntry[],
  ): Promise<HandoffTicket | undefined>;
  onClaimed?(ticketId: string, agent: Agent): Promise<void>;
  onCustomerMessage?(ticketId: string, text: string): Promise<void>;
  onAgentReply?(ticketId: string, agent: Agent, text: string): Promise<void>;
  onNote?(ticketId: string, agent: Agent, text: string): Promise<void>;
  onClosed?(ticketId: string, agent: Agent, ctx: ProactiveContext): Promise<void>;
  /** The person's lease lapsed: the ticket is nobody's again (it stays open, on the desk). */
  onUnassigned?(ticketId: string): Promise<void>;
  /** The item was transferred: the ticket follows (team, person, the note) and the customer is told. */
  onTransferred?(ticketId: string, agent: Agent, request: TransferRequest): Promise<void>;
}

/** A ticket for the desk that no hand-off opened (the ticket form): what staff need to work it. */
export interface DeskTicket {
  conversation: string;
  channel: string;
  customer: { id: string; name?: string };
  language: string;
  subject: string;
  description: string;
  priority: Priority;
  ticket: { id: string; dueText?: string };
  team: string;
  category: string;
}

/** A ticket's state as its desk item shows it. */
export interface DeskTicketState {
  id: string;
  status: string;
  team: string;
  assignee: string | null;
}
