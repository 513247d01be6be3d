import { z } from "zod";
import type { ChannelHealth } from "../core/adapter.ts";
import type { Priority } from "../model/priority.ts";
import type { Agent, Ownership } from "./ownership.ts";

/** Everything a person needs to take over a conversation, in one message. */
export interface HandoffPacket {
  conversation: string;
  channel: string;
  customer: { id: string; name?: string };
  language: string;
  reason: string;
  priority: Priority;
  intent?: { name: string; confidence: number };
  sentiment?: { label: string; score: number };
  category?: string;
  team?: string;
  /** The ticket behind the item; `status` as of its last lifecycle change. */
  ticket?: { id: string; dueText?: string; status?: string };
  /** Extractive summary: the customer's most informative lines, oldest first. */
  summary: string[];
  /** KB entries the bot already answered with. */
  triedFaqIds: string[];
  status: Ownership["status"] | "closed";
  agent?: Agent;
  openedAt: number;
  /** Set while the customer is blocked: who blocked them, why, and until when (`null`: permanent). */
  blocked?: PacketBlock;
  /**
   * `ticket`: a ticket the customer opened with the form; they are not waiting for a person live,
   * so it takes no place in the hand-off queue. Absent: a hand-off.
   */
  kind?: "ticket";
}

/** A customer's block as the desks show it on the packet. */
export interface PacketBlock {
  reason: string;
  /** The person who blocked (their display name). */
  by: string;
  at: number;
  until: number | null;
}

/** A line shown in the desk thread. */
export const deskLineSchema = z.object({
  from: z.enum(["customer", "bot", "agent", "note", "system"]),
  text: z.string(),
  name: z.string().optional(),
  at: z.number(),
});
export type DeskLine = z.infer<typeof deskLineSchema>;

/** Where a hand-off lives on a desk (Slack channel + thread ts, local desk id). */
export type DeskRef = Record<string, string>;

/**
 * A place where people take over conversations: Slack, or the local desk page. The desk shows
 * packets and threads; people's actions come back through the HandoffService.
 */
export interface Desk {
  readonly name: string;
  /** Posts a new hand-off; returns where it lives. */
  open(packet: HandoffPacket): Promise<DeskRef>;
  /** Refreshes the packet (claimed, closed, priority). */
  update(ref: DeskRef, packet: HandoffPacket): Promise<void>;
  /** Shows a line of the conversation in the hand-off's thread. */
  relay(ref: DeskRef, line: DeskLine): Promise<void>;
  health(): ChannelHealth;
  /** Draws the team's attention again (an unclaimed hand-off near its SLA): Slack mentions the group. */
  alert?(ref: DeskRef, packet: HandoffPacket, text: string): Promise<void>;
  /** The item moved to another team (`packet.team`): a desk split by team points that team to it. */
  transferred?(ref: DeskRef, packet: HandoffPacket, text: string): Promise<void>;
}
