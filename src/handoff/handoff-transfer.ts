import type { Logger } from "../core/logger.ts";
import type { Desk } from "./desk.ts";
import type { HandoffRecords } from "./handoff-records.ts";
import type { HandoffRecord, TransferRequest } from "./handoff-types.ts";
import { type Agent, type Ownership, release } from "./ownership.ts";

/**
 * Who answers after a transfer: the person named takes it over now; otherwise a live hand-off waits
 * for the new team, and a form ticket stays with the bot until someone in that team picks it up.
 */
export function transferredOwnership(
  ownership: Ownership,
  found: HandoffRecord,
  to: Agent | undefined,
  at: number,
  leaseMs: number,
): Ownership {
  if (to) return { ...ownership, status: "human", since: at, agent: to, leaseExpiresAt: at + leaseMs };
  if (found.packet.kind === "ticket") return release(ownership, at);
  const queued: Ownership = { ...release(ownership, at), status: "queued", since: ownership.since };
  if (ownership.priority) queued.priority = ownership.priority;
  return queued;
}

/** The item on the desk follows the transfer: its team and owner, a line saying who moved it, the note. */
export async function transferOnDesk(
  deps: { records: HandoffRecords; desk: Desk; logger: Logger },
  conversation: string,
  found: HandoffRecord,
  agent: Agent,
  request: TransferRequest,
): Promise<void> {
  const { to } = request;
  const saved = await deps.records.save(conversation, found, {
    team: request.team,
    status: to ? "human" : "queued",
    ...(to ? { agent: to } : {}),
  });
  await deps.records.relay(saved, {
    from: "system",
    text: `Transferred to ${request.team}${to ? ` (${to.name})` : ", unassigned"} by ${agent.name}`,
  });
  const note = request.note?.trim();
  if (note) await deps.records.relay(saved, { from: "note", text: note, name: agent.name });
  const pointer = `Transferred to ${request.team} by ${agent.name}: ${saved.packet.ticket?.id ?? saved.packet.reason}`;
  await deps.desk
    .transferred?.(saved.deskRef, saved.packet, pointer)
    .catch((error: unknown) => deps.logger.error({ err: error, conversation }, "the new team was not told"));
}
