import { z } from "zod";
import { defineSlice } from "../../src/core/slice.ts";

/** What the escalation policy remembers between turns. */
export const escalationStateSchema = z.object({
  /** Running average of the customer's sentiment (-1..1): anger escalation's hysteresis. */
  mood: z.number().min(-1).max(1).optional(),
  /** The last question the bot could not answer (normalised): asked again, a person takes over. */
  lastUnanswered: z.string().max(2_000).optional(),
});
export type EscalationState = z.infer<typeof escalationStateSchema>;

export const escalationSlice = defineSlice("escalation", escalationStateSchema);

/** The customer's running mood, if any message has carried a sentiment yet. */
export function moodOf(state: Parameters<typeof escalationSlice.get>[0]): number | undefined {
  return escalationSlice.get(state)?.mood;
}
