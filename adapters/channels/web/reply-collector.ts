import type { DeliveryTarget } from "../../../src/core/adapter.ts";
import { encodeAddress } from "../../../src/model/address.ts";
import type { WebMessage } from "./web-render.ts";

/**
 * Gathers what the adapter delivers in answer to one inbound event, so an HTTP POST can answer with
 * exactly what a WebSocket would have shown: the channel-fitted parts, rendered (`html` included).
 * Deliveries find their collection by `inReplyTo`, the event id the core passes with each reply.
 */
export interface ReplyCollector {
  /** Collects the replies to `eventId` in `conversation` while `turn` runs; resolves with both. */
  during<T>(
    conversation: string,
    eventId: string,
    turn: () => Promise<T>,
  ): Promise<{ result: T; replies: WebMessage[] }>;
  /** Records a delivered message when a turn is collecting for its target. */
  record(target: DeliveryTarget, message: WebMessage): void;
}

export function createReplyCollector(): ReplyCollector {
  const open = new Map<string, WebMessage[]>();
  const keyOf = (conversation: string, eventId: string) => `${conversation}\u0000${eventId}`;

  return {
    async during(conversation, eventId, turn) {
      const key = keyOf(conversation, eventId);
      // The same id sent twice at once: the second is a duplicate the core answers with nothing.
      const replies: WebMessage[] = [];
      const owned = !open.has(key);
      if (owned) open.set(key, replies);
      try {
        return { result: await turn(), replies };
      } finally {
        if (owned) open.delete(key);
      }
    },
    record(target, message) {
      if (target.inReplyTo === undefined) return;
      open.get(keyOf(encodeAddress(target.address), target.inReplyTo))?.push(message);
    },
  };
}
