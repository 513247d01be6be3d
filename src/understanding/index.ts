export { BUILTIN_INTENT_EXAMPLES, BUILTIN_INTENTS, type BuiltinIntent } from "./intent/builtin-intents.ts";
export {
  type ClassifyOptions,
  createIntentClassifier,
  type IntentClassifier,
  type IntentClassifierOptions,
  type IntentModel,
  OUT_OF_SCOPE,
} from "./intent/intent-classifier.ts";
export type { IntentModelJson } from "./intent/model-json.ts";
export { detectLanguage } from "./language/detect-language.ts";
export {
  createOfflineUnderstander,
  type OfflineUnderstander,
  type OfflineUnderstanderOptions,
} from "./offline-understander.ts";
export {
  type LinearSentimentModel,
  linearSentimentModelFromJSON,
} from "./sentiment/linear-sentiment-model.ts";
export {
  createSentimentAnalyzer,
  DEFAULT_SENTIMENT_THRESHOLDS,
  type SentimentAnalyzer,
  type SentimentAnalyzerOptions,
} from "./sentiment/sentiment-analyzer.ts";
export * from "./types.ts";
