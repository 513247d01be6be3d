import { z } from "zod";
import { defineSlice } from "../../src/core/slice.ts";
import type { ConversationState } from "../../src/core/state.ts";

/** What the FAQ feature remembers about a conversation. */
export const faqMemorySchema = z.object({
  /** The entry answered last, or offered first when the bot asked which one was meant. */
  topic: z.string().max(200).optional(),
  /** Entries answered in this conversation, oldest first (the same question again → step by step). */
  answered: z.array(z.string().max(200)).max(50).default([]),
  /** The last question the bot could not answer or offered a ticket after (a ticket starts from it). */
  lastQuestion: z.string().max(500).optional(),
});
export type FaqMemory = z.infer<typeof faqMemorySchema>;

const faqSlice = defineSlice("faq", faqMemorySchema);

/** The conversation's FAQ memory (a fresh one when it has none). */
export function faqMemory(state: Pick<ConversationState, "slices">): FaqMemory {
  return faqSlice.get(state) ?? { answered: [] };
}

/** Changes the conversation's FAQ memory. */
export function updateFaqMemory(state: Pick<ConversationState, "slices">, change: Partial<FaqMemory>): void {
  const next: FaqMemory = { ...faqMemory(state), ...change };
  for (const key of Object.keys(next) as (keyof FaqMemory)[]) if (next[key] === undefined) delete next[key];
  faqSlice.set(state, next);
}
