import type { OutboundMessage } from "../model/outbound.ts";
import type { TurnTrace } from "./trace.ts";

/** What one call of `bot.handle` did. */
export interface TurnResult {
  /** `true` when the event was a duplicate delivery and nothing was done. */
  duplicate: boolean;
  conversation: string;
  trace: TurnTrace;
  /** The replies as the flows wrote them (before channel adaptation). */
  replies: OutboundMessage[];
}
