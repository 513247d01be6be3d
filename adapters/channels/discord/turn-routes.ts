import type { DeliveryTarget } from "../../../src/core/adapter.ts";
import { encodeAddress } from "../../../src/model/address.ts";

/** A turn started by a slash command or a button: its replies go through the interaction. */
export interface InteractionRoute {
  kind: "interaction";
  conversation: string;
  applicationId: string;
  token: string;
  /** Replies only the person who ran the command can see. */
  ephemeral: boolean;
  /** The deferred "thinking…" response is still waiting to be replaced by the first reply. */
  originalPending: boolean;
  sent: number;
}

/** A turn started by a message: the first reply in a busy channel quotes the question. */
export interface MessageRoute {
  kind: "message";
  conversation: string;
  replyTo?: string;
  sent: number;
}

export type TurnRoute = InteractionRoute | MessageRoute;

/**
 * Where the replies to each inbound event go, by event id: the core delivers a reply with the id
 * of the event it answers (`DeliveryTarget.inReplyTo`), so two turns queued on one conversation (a
 * mention and a `/ask`) each reach their own destination. Sends without a known id (an agent's
 * reply, a follow-up turn) post to the channel.
 */
export interface TurnRoutes {
  /**
   * Remembers the route of the turn answering `eventId`; returns the function that forgets it
   * (call it when the turn is done). A route already open for that id (a redelivery racing the
   * first delivery) is kept, and the returned function leaves it alone.
   */
  open(eventId: string, route: TurnRoute): () => void;
  /** The route for a delivery, when it answers a known event of the same conversation. */
  find(target: DeliveryTarget): TurnRoute | undefined;
  /** Routes currently remembered (for tests and diagnostics). */
  readonly size: number;
}

export interface TurnRoutesOptions {
  /**
   * How long a route is kept when its turn never reports done. Discord's interaction tokens live
   * 15 minutes, so a route is useless after that anyway.
   * @see https://discord.com/developers/docs/interactions/receiving-and-responding#followup-messages
   */
  ttlMs?: number;
  /** At most this many routes; the oldest goes first. */
  maxRoutes?: number;
  now?: () => number;
}

/** A bounded, expiring map from inbound event id to {@link TurnRoute}. */
export function createTurnRoutes(options: TurnRoutesOptions = {}): TurnRoutes {
  const ttlMs = options.ttlMs ?? 15 * 60_000;
  const maxRoutes = options.maxRoutes ?? 1_000;
  const now = options.now ?? Date.now;
  // Insertion order is age order: the oldest entries are first.
  const routes = new Map<string, { route: TurnRoute; expiresAt: number }>();

  function prune(): void {
    const at = now();
    for (const [id, entry] of routes) {
      if (entry.expiresAt > at && routes.size <= maxRoutes) break;
      routes.delete(id);
    }
  }

  return {
    open(eventId, route) {
      prune();
      if (routes.has(eventId)) return () => undefined;
      const entry = { route, expiresAt: now() + ttlMs };
      routes.set(eventId, entry);
      prune();
      return () => {
        if (routes.get(eventId) === entry) routes.delete(eventId);
      };
    },
    find(target) {
      if (target.inReplyTo === undefined) return undefined;
      const entry = routes.get(target.inReplyTo);
      if (!entry || entry.expiresAt <= now()) return undefined;
      return entry.route.conversation === encodeAddress(target.address) ? entry.route : undefined;
    },
    get size() {
      prune();
      return routes.size;
    },
  };
}
