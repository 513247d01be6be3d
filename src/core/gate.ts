import type { InboundEvent } from "../model/events.ts";
import type { OutboundMessage } from "../model/outbound.ts";

/** Why the gate kept an event from the turn. */
export type GateReason = "blocked" | "rate_limited";

/**
 * What the gate decided about one inbound event: let it through, or keep it out of the turn —
 * with one notice for the user (`notify`, delivered by the core) or silently (`drop`).
 */
export type GateDecision =
  | { verdict: "allow" }
  | { verdict: "notify"; reason: GateReason; message: OutboundMessage }
  | { verdict: "drop"; reason: GateReason };

/**
 * The step between de-duplication and the turn that keeps blocked users and floods out of the core
 * (implemented by `src/abuse/rate-gate.ts`). It must not throw: when it cannot decide it allows.
 */
export interface Gate {
  check(event: InboundEvent): Promise<GateDecision>;
}

/** Who is asking for a costly outcome (a ticket, a hand-off): the user, and the client when known. */
export interface CapSubject {
  channel: string;
  userId: string;
  /** The anonymous client's network origin (see `InboundEvent.clientKey`). */
  clientKey?: string | undefined;
}

/** Whether a costly outcome may be created now; if not, when the next one may. */
export type CapVerdict = { allowed: true } | { allowed: false; retryAfterMs: number };

/**
 * A per-user budget for a costly outcome (tickets, hand-offs), checked where the outcome is created.
 * `windowMs` is also how long an open outcome counts as "the first one" that a repeat request reuses.
 */
export interface OutcomeCap {
  readonly windowMs: number;
  take(subject: CapSubject): Promise<CapVerdict>;
}
