import { z } from "zod";
import { defineSlice } from "../core/slice.ts";
import type { ConversationState } from "../core/state.ts";
import { higherPriority, prioritySchema } from "../model/priority.ts";

export const agentSchema = z.object({ id: z.string().min(1), name: z.string().min(1) });
export type Agent = z.infer<typeof agentSchema>;

/**
 * Who answers the customer: the bot, nobody yet (queued for a person, the bot keeps helping), or a
 * person (the bot only relays). A person's ownership is a lease renewed by their activity.
 */
export const ownershipSchema = z.object({
  status: z.enum(["bot", "queued", "human"]),
  since: z.number(),
  reason: z.string().optional(),
  priority: prioritySchema.optional(),
  agent: agentSchema.optional(),
  leaseExpiresAt: z.number().optional(),
  ticketId: z.string().optional(),
  /** Where the hand-off lives on the desk (Slack channel + thread ts, local desk id). */
  deskRef: z.record(z.string(), z.string()).optional(),
});
export type Ownership = z.infer<typeof ownershipSchema>;

/** The hand-off feature's slice of the conversation state. */
export const ownershipSlice = defineSlice("ownership", ownershipSchema);
/** Who answers the conversation now (undefined: the bot, nothing ever changed it). */
export const ownershipOf = (state: Pick<ConversationState, "slices">): Ownership | undefined =>
  ownershipSlice.get(state);
export const setOwnership = (state: Pick<ConversationState, "slices">, value: Ownership): void =>
  ownershipSlice.set(state, value);

export class OwnershipError extends Error {
  readonly code: "ALREADY_CLAIMED" | "NOT_ESCALATED" | "NOT_OWNER";
  constructor(code: OwnershipError["code"], message: string) {
    super(message);
    this.name = "OwnershipError";
    this.code = code;
  }
}

export const BOT_OWNED: Ownership = { status: "bot", since: 0 };

/** bot → queued. Already queued or owned: keeps the hand-off, raising its priority if needed. */
export function enqueue(
  current: Ownership,
  request: { reason: string; priority: Ownership["priority"]; at: number },
): Ownership {
  if (current.status !== "bot") {
    return { ...current, priority: higherPriority(current.priority, request.priority) };
  }
  return {
    status: "queued",
    since: request.at,
    reason: request.reason,
    ...(request.priority ? { priority: request.priority } : {}),
  };
}

/** queued (or bot) → human. Another agent's live claim is refused; the same agent re-claiming renews. */
export function claim(current: Ownership, agent: Agent, at: number, leaseMs: number): Ownership {
  if (
    current.status === "human" &&
    current.agent &&
    current.agent.id !== agent.id &&
    !leaseExpired(current, at)
  ) {
    throw new OwnershipError(
      "ALREADY_CLAIMED",
      `${current.agent.name} is already handling this conversation`,
    );
  }
  return {
    ...current,
    status: "human",
    since: current.status === "human" ? current.since : at,
    agent,
    leaseExpiresAt: at + leaseMs,
  };
}

/** Renews a person's lease on activity. */
export function touch(current: Ownership, at: number, leaseMs: number): Ownership {
  return current.status === "human" ? { ...current, leaseExpiresAt: at + leaseMs } : current;
}

/** → bot (returned, closed or expired). The desk reference and ticket are kept for the record. */
export function release(current: Ownership, at: number): Ownership {
  const released: Ownership = { status: "bot", since: at };
  if (current.ticketId) released.ticketId = current.ticketId;
  return released;
}

export function leaseExpired(current: Ownership, now: number): boolean {
  return current.status === "human" && current.leaseExpiresAt !== undefined && current.leaseExpiresAt <= now;
}
