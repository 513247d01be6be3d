import type { Logger } from "../core/logger.ts";
import type { Desk, PacketBlock } from "./desk.ts";
import type { HandoffRecords } from "./handoff-records.ts";
import type { HandoffRecord } from "./handoff-types.ts";

/**
 * Shows (or, with `undefined`, clears) a customer's block on their open items' packets, with `line`
 * in each thread for the record.
 */
export async function markBlockedOnDesk(
  deps: { records: HandoffRecords; desk: Desk; logger: Logger; now: () => number },
  customer: { channel: string; id: string },
  blocked: PacketBlock | undefined,
  line: string,
): Promise<void> {
  const log = deps.logger;
  for (const found of await deps.records.list()) {
    const { packet } = found;
    if (packet.channel !== customer.channel || packet.customer.id !== customer.id) continue;
    const { blocked: _previous, ...rest } = packet;
    const updated: HandoffRecord = {
      ...found,
      packet: blocked ? { ...rest, blocked } : rest,
      updatedAt: deps.now(),
    };
    await deps.records.put(updated);
    await deps.desk
      .update(updated.deskRef, updated.packet)
      .catch((error: unknown) =>
        log.error({ err: error, conversation: packet.conversation }, "the desk could not show the block"),
      );
    await deps.records
      .relay(found, { from: "system", text: line })
      .catch((error: unknown) =>
        log.error({ err: error, conversation: packet.conversation }, "the desk could not record the block"),
      );
  }
}
