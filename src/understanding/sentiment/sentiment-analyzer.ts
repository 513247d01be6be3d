import type { Emotions, SentimentLabel, SentimentResult } from "../../model/understanding.ts";
import { MAX_MODEL_CHARS } from "../features/normalize.ts";
import { detectLanguage } from "../language/detect-language.ts";
import { EN_SENTIMENT_MODEL_URL, KO_SENTIMENT_MODEL_URL, loadSentimentModelFile } from "./bundled-models.ts";
import { englishDenseFeatures } from "./english-features.ts";
import { scoreEnglish } from "./lexicon-en.ts";
import { scoreKorean } from "./lexicon-ko.ts";
import type { LinearSentimentModel } from "./linear-sentiment-model.ts";
import { detectSignals, type EmotionCues, emotionCues } from "./signals.ts";

/** Options of {@link createSentimentAnalyzer}. */
export interface SentimentAnalyzerOptions {
  /**
   * Trained models used on top of the lexicons. `null` disables one; when a language is not given the
   * model file under src/understanding/models is loaded if present (both ship).
   */
  models?: { en?: LinearSentimentModel | null; ko?: LinearSentimentModel | null };
  /** Scores at or below `negative` are negative, at or above `positive` positive (lexicon-only path). */
  thresholds?: { negative: number; positive: number };
}

/** Analyses the sentiment, emotions and intensity of one message. */
export interface SentimentAnalyzer {
  /** `language` (ISO 639-1) picks the lexicon/model; when absent it is detected (ko if Hangul, else en). */
  analyze(text: string, language?: string): SentimentResult;
  /** Which models are in use (for start-up logs). */
  readonly models: { en: boolean; ko: boolean };
}

/**
 * Chosen on TweetEval *validation* (never test): VADER-style scores are skewed positive on tweets and
 * support chat alike, so "neutral" extends further up than down.
 */
export const DEFAULT_SENTIMENT_THRESHOLDS = { negative: -0.2, positive: 0.55 };

// Signals that mean "upset" whatever the words' valence ("I'll dispute the charge" has none).
const UPSET_SIGNALS = new Set([
  "threat_chargeback",
  "threat_dispute",
  "threat_cancel",
  "threat_legal",
  "threat_report",
  "threat_review",
  "repeated_contact",
  "profanity",
  "annoyed_emoticon",
]);

/** Creates a sentiment analyzer for English and Korean (lexicons, signals, optional linear models). */
export function createSentimentAnalyzer(options: SentimentAnalyzerOptions = {}): SentimentAnalyzer {
  const en =
    options.models?.en === undefined ? loadSentimentModelFile(EN_SENTIMENT_MODEL_URL) : options.models.en;
  const ko =
    options.models?.ko === undefined ? loadSentimentModelFile(KO_SENTIMENT_MODEL_URL) : options.models.ko;
  const thresholds = options.thresholds ?? DEFAULT_SENTIMENT_THRESHOLDS;

  return {
    models: { en: en != null, ko: ko != null },
    analyze(input, language) {
      const text = input.length > MAX_MODEL_CHARS ? input.slice(0, MAX_MODEL_CHARS) : input;
      const lang = language ?? detectLanguage(text).code;
      const { signals, intensity } = detectSignals(text);
      const cues = emotionCues(text);
      const upset = signals.reduce((sum, s) => sum + (UPSET_SIGNALS.has(s) ? 0.35 : 0), 0);

      let score: number;
      let label: SentimentLabel;
      if (lang === "ko") {
        const lex = scoreKorean(text);
        const model = ko ? 2 * (ko.predict(text)[1] ?? 0.5) - 1 : 0;
        // The model learnt movie reviews: trust the lexicon when it found something, the model less.
        score = lex.hits > 0 ? 0.6 * lex.score + 0.4 * model : 0.45 * model;
        score = clampSigned(score - upset);
        label = score <= -0.2 ? "negative" : score >= 0.2 ? "positive" : "neutral";
      } else if (en) {
        const lex = scoreEnglish(text);
        const p = en.predict(text, englishDenseFeatures(text, { lex, cues, intensity }));
        const [pNeg = 0, pNeu = 0, pPos = 0] = p;
        // Weighted by how sure the model is that the message is not neutral, so a plain question
        // ("hi", "how do I reset my password?") stays near 0 instead of pulling the mood down.
        score = clampSigned((pPos - pNeg) * (1 - pNeu) - upset);
        label = upset > 0 && pPos < 0.5 ? "negative" : argmaxLabel(pNeg, pNeu, pPos);
      } else {
        score = clampSigned(scoreEnglish(text).score - upset);
        label =
          score <= thresholds.negative ? "negative" : score >= thresholds.positive ? "positive" : "neutral";
      }
      return {
        label,
        score: round(score),
        emotions: emotions(cues, score, signals, intensity),
        intensity: round(intensity),
        signals,
      };
    },
  };
}

function emotions(cues: EmotionCues, score: number, signals: readonly string[], intensity: number): Emotions {
  const neg = Math.max(0, -score);
  const pos = Math.max(0, score);
  const heated = signals.filter(
    (s) => UPSET_SIGNALS.has(s) || s === "all_caps" || s === "exclamations",
  ).length;
  const anger =
    0.25 * Math.min(cues.anger, 3) +
    0.2 * Math.min(heated, 3) +
    0.35 * neg +
    (neg > 0.2 ? 0.2 * intensity : 0);
  const crying = signals.includes("crying_emoticon") ? 0.3 : 0;
  const disappointment =
    0.3 * Math.min(cues.disappointment, 3) + 0.35 * neg * (1 - Math.min(1, anger)) + crying;
  const joy = (0.25 * Math.min(cues.joy, 3) + 0.6 * pos) * (score < -0.1 ? 0.2 : 1);
  return {
    anger: round(clamp01(anger)),
    disappointment: round(clamp01(disappointment)),
    joy: round(clamp01(joy)),
  };
}

function argmaxLabel(neg: number, neu: number, pos: number): SentimentLabel {
  if (neg >= neu && neg >= pos) return "negative";
  return pos > neu ? "positive" : "neutral";
}

function clamp01(x: number): number {
  return Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0;
}

function clampSigned(x: number): number {
  return Number.isFinite(x) ? Math.min(1, Math.max(-1, x)) : 0;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
