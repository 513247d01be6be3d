import type { IntentExample, Understanding } from "../model/understanding.ts";
import { BUILTIN_INTENT_EXAMPLES } from "./intent/builtin-intents.ts";
import {
  createIntentClassifier,
  type IntentClassifierOptions,
  type IntentModel,
} from "./intent/intent-classifier.ts";
import { detectLanguage } from "./language/detect-language.ts";
import { redactForUnderstanding } from "./redact.ts";
import { askOf, asksStatus, reportsProblem, saysNewcomer } from "./request-cues.ts";
import {
  createSentimentAnalyzer,
  type SentimentAnalyzer,
  type SentimentAnalyzerOptions,
} from "./sentiment/sentiment-analyzer.ts";

/** Options of {@link createOfflineUnderstander}. */
export interface OfflineUnderstanderOptions {
  /** Intent examples (flows, KB, operator config). Defaults to {@link BUILTIN_INTENT_EXAMPLES}. */
  examples?: readonly IntentExample[];
  /** Calibrated confidence under which the intent is `out_of_scope` (default 0.45). */
  outOfScopeThreshold?: number;
  /** Sentiment analyzer options, or `false` to skip sentiment. */
  sentiment?: SentimentAnalyzerOptions | false;
  /** Extra classifier options (features, training); rarely needed. */
  classifier?: Omit<IntentClassifierOptions, "outOfScopeThreshold">;
  /** A model restored from a cache (`toJSON()` output) instead of training at construction. */
  cachedModel?: unknown;
}

/** Language, intent and sentiment of one message, all computed in-process with no network. */
export interface OfflineUnderstander {
  /** Never throws: empty text, emoji, mixed scripts and 100 KB pastes all give a result. */
  understand(text: string, hint?: { language?: string }): Understanding;
  /** Retrains the intent model on new examples (e.g. after a config reload) and swaps it in. */
  retrain(examples: readonly IntentExample[]): void;
  /** The current intent model (for `toJSON()` caching). */
  readonly intentModel: IntentModel | undefined;
}

/**
 * Creates the offline understanding step: language detection, the intent classifier (trained here,
 * typically in tens of milliseconds for a few hundred examples) and the sentiment analyzer.
 */
export function createOfflineUnderstander(options: OfflineUnderstanderOptions = {}): OfflineUnderstander {
  const classifier = createIntentClassifier({
    ...options.classifier,
    ...(options.outOfScopeThreshold === undefined
      ? {}
      : { outOfScopeThreshold: options.outOfScopeThreshold }),
  });
  const trainOn = (examples: readonly IntentExample[]): IntentModel | undefined =>
    examples.length > 0 ? classifier.train(examples) : undefined;
  let model =
    options.cachedModel === undefined
      ? trainOn(options.examples ?? BUILTIN_INTENT_EXAMPLES)
      : classifier.fromJSON(options.cachedModel);
  const sentiment: SentimentAnalyzer | undefined =
    options.sentiment === false ? undefined : createSentimentAnalyzer(options.sentiment ?? {});

  return {
    understand(original, hint = {}) {
      // Personal data never reaches a model: an address or a phone number is a typed placeholder.
      const text = redactForUnderstanding(original);
      const language = detectLanguage(text, hint.language);
      const result: Understanding = {
        language,
        ask: askOf(text),
        statusRequest: asksStatus(text),
        newcomer: saysNewcomer(text),
        problem: reportsProblem(text),
      };
      if (text !== original) result.redacted = text;
      if (model) result.intent = model.classify(text);
      if (sentiment) {
        const lang = language.code === "und" ? undefined : language.code;
        result.sentiment = sentiment.analyze(text, lang);
      }
      return result;
    },
    retrain(examples) {
      model = trainOn(examples);
    },
    get intentModel() {
      return model;
    },
  };
}
