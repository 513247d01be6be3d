import type { Keyv } from "keyv";
import type { Logger } from "../core/logger.ts";
import { maskPii } from "../privacy/staff-mask.ts";
import type { Desk, DeskLine, HandoffPacket } from "./desk.ts";
import type { HandoffRecord } from "./handoff-types.ts";

/** The desk index of open items and the two ways an item changes on the desk: its packet, its thread. */
export interface HandoffRecords {
  get(conversation: string): Promise<HandoffRecord | undefined>;
  /** The item, or an error saying it was never escalated or is closed. */
  require(conversation: string): Promise<HandoffRecord>;
  /** Saves a packet change and shows it on the desk (a desk failure is logged, not thrown). */
  save(conversation: string, found: HandoffRecord, change: Partial<HandoffPacket>): Promise<HandoffRecord>;
  /** Shows a line in the item's thread, with personal data masked (the transcript keeps the original). */
  relay(found: HandoffRecord, line: Omit<DeskLine, "at">): Promise<void>;
  /** Someone wrote: the record lives as long as the conversation does. */
  keepAlive(conversation: string, found: HandoffRecord): Promise<void>;
  /** Stores a new item. */
  put(record: HandoffRecord): Promise<void>;
  /** Every open item, oldest first. */
  list(): Promise<HandoffRecord[]>;
}

export function createHandoffRecords(options: {
  index: Keyv<HandoffRecord>;
  desk: Desk;
  logger: Logger;
  now: () => number;
  ttlMs?: number | undefined;
}): HandoffRecords {
  const { index, desk, now, logger: log } = options;
  return {
    get: (conversation) => index.get(conversation),
    async require(conversation) {
      const found = await index.get(conversation);
      if (!found)
        throw new Error(`No hand-off for ${conversation}: it was never escalated or is already closed`);
      return found;
    },
    async save(conversation, found, change) {
      const updated: HandoffRecord = { ...found, packet: { ...found.packet, ...change }, updatedAt: now() };
      if (change.status === "closed" || change.status === "bot" || change.status === "queued")
        delete updated.packet.agent;
      await index.set(conversation, updated, options.ttlMs);
      await desk
        .update(updated.deskRef, updated.packet)
        .catch((error: unknown) =>
          log.error({ err: error, conversation }, "the desk could not update the hand-off packet"),
        );
      return updated;
    },
    async relay(found, line) {
      const name = line.name === undefined ? {} : { name: maskPii(line.name) };
      await desk.relay(found.deskRef, { ...line, ...name, text: maskPii(line.text), at: now() });
    },
    async keepAlive(conversation, found) {
      if (options.ttlMs !== undefined) await index.set(conversation, found, options.ttlMs);
    },
    async put(record) {
      await index.set(record.packet.conversation, record, options.ttlMs);
    },
    async list() {
      const records: HandoffRecord[] = [];
      if (!index.iterator) return records;
      for await (const [, value] of index.iterator(undefined)) records.push(value as HandoffRecord);
      return records.sort((a, b) => a.packet.openedAt - b.packet.openedAt);
    },
  };
}
