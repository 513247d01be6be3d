import { z } from "zod";
import { buttonSchema } from "../model/outbound.ts";

/** A feature's multi-turn step in progress (ticket form, CSAT comment, …): `name` is the feature's. */
export const activeFlowSchema = z.object({
  name: z.string(),
  step: z.string(),
  data: z.record(z.string(), z.unknown()).default({}),
  startedAt: z.number(),
});
export type ActiveFlow = z.infer<typeof activeFlowSchema>;

/** Everything the bot remembers about one conversation between turns (stored through Keyv). */
export const conversationStateSchema = z.object({
  version: z.literal(1).default(1),
  /** Language of the last message whose language was clear; replies follow it. */
  language: z.string().optional(),
  /** Set by `/lang`: detection no longer changes the reply language. */
  pinnedLanguage: z.string().optional(),
  /** Action buttons offered in the last reply: a typed "2" or the label selects one. */
  offeredButtons: z.array(buttonSchema).default([]),
  flow: activeFlowSchema.optional(),
  /** Consecutive turns the bot could not answer (fallbacks and clarifications). */
  unansweredStreak: z.number().int().min(0).default(0),
  turns: z.number().int().min(0).default(0),
  /** Features' own state, by feature (see `defineSlice`): the core does not read them. */
  slices: z.record(z.string(), z.unknown()).default({}),
  /** The platform refused delivery for good (user blocked the bot); cleared when they write again. */
  unreachable: z.object({ at: z.number(), reason: z.string() }).optional(),
  updatedAt: z.number().default(0),
});
export type ConversationState = z.infer<typeof conversationStateSchema>;

/** A fresh state for a conversation the bot has not seen. */
export function emptyState(): ConversationState {
  return conversationStateSchema.parse({});
}

/**
 * Reads a stored state. A record that no longer matches the schema (an older version, a manual
 * edit) starts the conversation afresh rather than crashing the turn.
 */
export function parseStoredState(value: unknown): { state: ConversationState; valid: boolean } {
  if (value === undefined || value === null) return { state: emptyState(), valid: true };
  const result = conversationStateSchema.safeParse(withSlices(value));
  return result.success ? { state: result.data, valid: true } : { state: emptyState(), valid: false };
}

/** States stored before slices kept who answers (`ownership`) at the top level: move it in. */
function withSlices(value: unknown): unknown {
  if (typeof value !== "object" || value === null || !("ownership" in value)) return value;
  const { ownership, ...rest } = value as Record<string, unknown>;
  const slices = (rest.slices ?? {}) as Record<string, unknown>;
  return ownership === undefined ? rest : { ...rest, slices: { ownership, ...slices } };
}
