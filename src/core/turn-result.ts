import type { OutboundMessage } from "../model/outbound.ts";
import type { GateReason } from "./gate.ts";
import type { TurnTrace } from "./trace.ts";

/** What one call of `bot.handle` did. */
export interface TurnResult {
  /** `true` when the event was a duplicate delivery and nothing was done. */
  duplicate: boolean;
  conversation: string;
  trace: TurnTrace;
  /** The replies as the flows wrote them (before channel adaptation). */
  replies: OutboundMessage[];
  /** Set when the gate kept the event out of the turn (a blocked user, a flood): nothing was processed. */
  refused?: GateReason;
}
