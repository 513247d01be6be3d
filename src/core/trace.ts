import { z } from "zod";
import { prioritySchema } from "../model/priority.ts";
import { intentResultSchema, sentimentLabelSchema } from "../model/understanding.ts";

export const turnActionSchema = z.enum([
  "answer",
  "clarify",
  "ticket",
  "escalate",
  "smalltalk",
  "fallback",
  "command",
]);
export type TurnAction = z.infer<typeof turnActionSchema>;

/**
 * Why the bot did what it did on one turn: the replay CLI prints it, the transcript stores it,
 * metrics read it. Fields that nothing produced stay absent.
 */
export const turnTraceSchema = z.object({
  action: turnActionSchema.optional(),
  flow: z.string().optional(),
  faqId: z.string().optional(),
  candidates: z.array(z.object({ id: z.string(), score: z.number() })).optional(),
  intent: intentResultSchema.pick({ name: true, confidence: true }).optional(),
  sentiment: z.object({ label: sentimentLabelSchema, score: z.number() }).optional(),
  language: z.string().optional(),
  ticket: z.object({ id: z.string(), category: z.string(), priority: prioritySchema }).optional(),
  priority: prioritySchema.optional(),
  escalationReason: z.string().optional(),
  /** What the optional LLM did on this turn: the KB entries it cited, or why the offline answer was used. */
  llm: z
    .object({
      citedIds: z.array(z.string()).optional(),
      fallback: z.string().optional(),
      tokens: z.number().optional(),
      cached: z.boolean().optional(),
    })
    .optional(),
});
export type TurnTrace = z.infer<typeof turnTraceSchema>;
