import { z } from "zod";
import { defineSlice } from "../core/slice.ts";
import type { ConversationState } from "../core/state.ts";
import type { TurnTrace } from "../core/trace.ts";
import { llmTrace } from "./llm-trace.ts";

/** LLM tokens a conversation has cost so far (cache hits are free): recorded when its ticket closes. */
const llmUsageSlice = defineSlice("llm-usage", z.object({ tokens: z.number().int().min(0) }));

export function llmTokensOf(state: Pick<ConversationState, "slices">): number {
  return llmUsageSlice.get(state)?.tokens ?? 0;
}

/** Adds the turn's LLM tokens (not cache hits) to the conversation's running total. */
export function countLlmTokens(state: Pick<ConversationState, "slices">, trace: TurnTrace): void {
  const llm = llmTrace.read(trace).llm;
  if (!llm?.tokens || llm.cached) return;
  llmUsageSlice.set(state, { tokens: llmTokensOf(state) + Math.round(llm.tokens) });
}
