import { z } from "zod";
import { tfidfJsonSchema } from "../features/tfidf.ts";
import { sparseWeightsJsonSchema } from "./sparse-weights.ts";

/** Version of the cached intent model format; bump on incompatible changes. */
export const INTENT_MODEL_VERSION = 1;

/** The JSON form of a trained intent model (what `toJSON()` returns and `fromJSON()` accepts). */
export const intentModelJsonSchema = z.object({
  kind: z.literal("switchboard-intent-model"),
  version: z.literal(INTENT_MODEL_VERSION),
  intents: z.array(z.string().min(1)).min(1),
  outOfScopeIntents: z.array(z.string()),
  temperature: z.number().positive(),
  outOfScopeThreshold: z.number().min(0).max(1),
  vectorizer: tfidfJsonSchema,
  weights: sparseWeightsJsonSchema,
});
export type IntentModelJson = z.infer<typeof intentModelJsonSchema>;
