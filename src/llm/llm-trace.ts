import { z } from "zod";
import { defineTraceExtension } from "../core/trace.ts";

/** What the optional LLM did on a turn: the KB entries it cited, or why the offline answer was used. */
export const llmTrace = defineTraceExtension("llm", {
  llm: z.object({
    citedIds: z.array(z.string()).optional(),
    fallback: z.string().optional(),
    tokens: z.number().optional(),
    cached: z.boolean().optional(),
  }),
});
