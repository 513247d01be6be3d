import { z } from "zod";

/** What a message asks for: to know something, to have something done, or neither (a symptom). */
export type AskKind = "information" | "action" | "statement";

/** Sentiment polarity used by flows and by the replay contract. */
export const sentimentLabelSchema = z.enum(["negative", "neutral", "positive"]);
export type SentimentLabel = z.infer<typeof sentimentLabelSchema>;

/** One intent with its calibrated probability-like confidence in [0, 1]. */
export const intentScoreSchema = z.object({
  name: z.string().min(1),
  confidence: z.number().min(0).max(1),
});
export type IntentScore = z.infer<typeof intentScoreSchema>;

/**
 * The classifier's verdict. `name` is the best intent, or `"out_of_scope"` when nothing matches
 * confidently (then `outOfScope` is true and `ranked` still lists the nearest intents).
 */
export const intentResultSchema = z.object({
  name: z.string().min(1),
  confidence: z.number().min(0).max(1),
  outOfScope: z.boolean(),
  ranked: z.array(intentScoreSchema),
});
export type IntentResult = z.infer<typeof intentResultSchema>;

export const emotionSchema = z.object({
  anger: z.number().min(0).max(1),
  disappointment: z.number().min(0).max(1),
  joy: z.number().min(0).max(1),
});
export type Emotions = z.infer<typeof emotionSchema>;

/**
 * How the customer feels. `score` is signed in [-1, 1] (negative below zero); `intensity` in [0, 1]
 * summarises caps, "!!!", threats to cancel or dispute and repeated contact; `signals` names what fired.
 */
export const sentimentResultSchema = z.object({
  label: sentimentLabelSchema,
  score: z.number().min(-1).max(1),
  emotions: emotionSchema,
  intensity: z.number().min(0).max(1),
  signals: z.array(z.string()),
});
export type SentimentResult = z.infer<typeof sentimentResultSchema>;

/** Language verdict: ISO 639-1 code (`en`, `ko`, `ja`, …) or `und` when unknown. */
export const languageResultSchema = z.object({
  code: z.string().min(2),
  confidence: z.number().min(0).max(1),
});
export type LanguageResult = z.infer<typeof languageResultSchema>;

/** An example utterance for an intent, as declared by flows, the KB or operator config. */
export const intentExampleSchema = z.object({
  intent: z.string().min(1),
  text: z.string().min(1),
  locale: z.string().min(2).optional(),
});
export type IntentExample = z.infer<typeof intentExampleSchema>;

/** What the understanding step writes on the turn context. */
export interface Understanding {
  language: LanguageResult;
  intent?: IntentResult;
  sentiment?: SentimentResult;
  /**
   * The message with personal data replaced by typed placeholders (`<email>`, `<phone>`, `<card>`,
   * `<rrn>`): what the classifiers saw and what retrieval should search. Absent when nothing was replaced.
   */
  redacted?: string;
  /** Whether the message asks for information, asks for an action, or states something (cue words, EN/KO). */
  ask?: AskKind;
  /** The message asks about the state of the customer's own ticket or request. */
  statusRequest?: boolean;
  /** The customer says they are new to this or wants to be walked through it. */
  newcomer?: boolean;
  /** The message reports something not working (a symptom: "can't log in", "앱이 안 켜져요"). */
  problem?: boolean;
}
