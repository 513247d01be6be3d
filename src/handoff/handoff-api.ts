import type { Keyv } from "keyv";
import type { TurnContext } from "../core/context.ts";
import type { OutcomeCap } from "../core/gate.ts";
import type { Logger } from "../core/logger.ts";
import type { ProactivePort } from "../core/proactive.ts";
import type { TranscriptStore } from "../core/transcript.ts";
import type { Llm } from "../llm/create-llm.ts";
import type { Priority } from "../model/priority.ts";
import type { HandoffEvent } from "./bot-framework-events.ts";
import type { Desk, PacketBlock } from "./desk.ts";
import type {
  DeskTicket,
  DeskTicketState,
  EscalationOutcome,
  HandoffRecord,
  HandoffTicketPort,
  TransferRequest,
} from "./handoff-types.ts";
import type { Agent } from "./ownership.ts";

export interface HandoffServiceOptions {
  /** Sends to customers outside their turns (a person's reply, the lease running out). */
  customers: ProactivePort;
  desk: Desk;
  transcript: TranscriptStore;
  index: Keyv<HandoffRecord>;
  logger: Logger;
  /** How long a person's ownership lasts without activity. */
  leaseMs?: number;
  /**
   * How long an index record is kept without activity (`STATE_TTL_DAYS`), refreshed whenever the
   * hand-off changes or someone writes in it: it expires with the conversation. Never, without it.
   */
  ttlMs?: number;
  now?: () => number;
  tickets?: HandoffTicketPort;
  /** Optional LLM: 2–3 line summaries for the desk and translation between customer and desk. */
  llm?: Pick<Llm, "summarize" | "translate" | "deskLanguage">;
  /** Hears every hand-off event (Bot Framework `handoff.*` activities, metrics). */
  onEvent?: (event: HandoffEvent) => void;
  /**
   * New hand-offs per customer (`RATE_LIMIT_HANDOFFS`); with it, a customer waiting for a person in
   * one conversation is not queued again from another. Absent: no limit.
   */
  cap?: OutcomeCap;
}

export interface HandoffService {
  /**
   * Called inside a customer turn: queues the conversation for a person and posts the packet.
   * Resolves with the new ownership; status `bot` means no desk could be reached.
   */
  escalate(ctx: TurnContext, request: { reason: string; priority: Priority }): Promise<EscalationOutcome>;
  /** Called inside a customer turn while a person is involved: shows the message on the desk. */
  relayCustomer(ctx: TurnContext): Promise<void>;
  /**
   * Called inside a customer turn: the customer no longer wants a person (they withdrew, or erased
   * their data). The desk is told why and the hand-off closed. False when none was open.
   */
  withdraw(ctx: TurnContext, reason: string): Promise<boolean>;
  /** 1 for the hand-off waiting longest; undefined when the conversation is not waiting. */
  queuePosition(conversation: string): Promise<number | undefined>;
  claim(conversation: string, agent: Agent): Promise<void>;
  reply(conversation: string, agent: Agent, text: string): Promise<void>;
  note(conversation: string, agent: Agent, text: string): Promise<void>;
  close(conversation: string, agent: Agent): Promise<void>;
  returnToBot(conversation: string, agent: Agent): Promise<void>;
  /**
   * Re-pings the desk about a hand-off nobody has claimed yet (SLA warning); returns false when the
   * conversation has no open hand-off or someone already owns it.
   */
  alertUnclaimed(conversation: string, text: string): Promise<boolean>;
  /**
   * Puts a ticket opened with the form on the desk (Slack: its team's channel, with Claim). A person
   * claims and replies to it like a hand-off; the customer gets the reply on their channel. A
   * conversation with an item on the desk already gets a line in its thread instead.
   */
  postTicket(item: DeskTicket): Promise<void>;
  /**
   * Draws the team's attention to a ticket's desk item (an SLA warning or breach), whoever owns it;
   * false when the conversation has no item for that ticket on the desk.
   */
  alertTicket(conversation: string, ticketId: string, text: string): Promise<boolean>;
  /**
   * Shows a ticket's lifecycle change on its desk item (status on the packet, `text` in the thread,
   * none when empty); false when the conversation has no item for that ticket on the desk.
   */
  ticketChanged(conversation: string, ticket: DeskTicketState, text: string): Promise<boolean>;
  /**
   * Hands the item to another team and/or person with a note: the new owner and team see it at
   * once; the ticket follows and the customer is told a specialist took over (by the ticket system).
   */
  transfer(conversation: string, agent: Agent, request: TransferRequest): Promise<void>;
  /**
   * Releases conversations whose person went quiet longer than the lease; returns how many. Each
   * goes back to the bot; its item stays on the desk, unassigned.
   */
  expireLeases(): Promise<number>;
  /**
   * Inside a customer turn whose person's lease has lapsed: the same as {@link expireLeases} for
   * this conversation (ownership, desk item, ticket). The customer is told by the caller.
   */
  leaseLapsed(ctx: TurnContext): Promise<void>;
  list(): Promise<HandoffRecord[]>;
  get(conversation: string): Promise<HandoffRecord | undefined>;
  /**
   * Shows (or, with `undefined`, clears) a customer's block on their open hand-offs' packets, with
   * `line` in each thread for the record.
   */
  markBlocked(
    customer: { channel: string; id: string },
    blocked: PacketBlock | undefined,
    line: string,
  ): Promise<void>;
}
