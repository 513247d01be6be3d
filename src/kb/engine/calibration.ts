/**
 * Per-KB confidence: a small logistic model maps a ranking's shape (top score, lead over the
 * runner-up, agreement of retrieval and FAQ model, share of known words, support concepts the top
 * entry shares with the message) to the probability that
 * the top entry is right. It is fitted at load on the KB itself — every question left out of its
 * entry and searched, plus built-in off-topic messages — and the answer / clarify thresholds are
 * read off the same data, so a KB with 2 questions per entry and one with 10 both behave. The KB's
 * model is averaged with a prior fitted beforehand on customers' own wording (confidence-prior.ts).
 */
import type { Ranking } from "./ranker.ts";
import type { Script } from "./writing-system.ts";

export interface CalibrationSample {
  features: number[];
  /** The top entry is the right one (off-topic samples are never right). */
  right: boolean;
  /** The right entry is among the offered options (answerable samples only). */
  offered: boolean;
  offTopic: boolean;
  /** The message names something the KB never mentions, so it is never answered outright. */
  guarded?: boolean;
  /** Writing system of the sample's text (see {@link writingSystem}): each one is calibrated apart. */
  script?: Script;
}

export interface Thresholds {
  answer: number;
  clarify: number;
}

export interface Calibration {
  thresholds: Thresholds;
  confidence(features: readonly number[]): number;
}

/**
 * Weights of a confidence model fitted beforehand on customers' own wording (see
 * confidence-prior.ts): it knows what a right match looks like in a real message, which a KB's
 * left-out questions (short, written like the KB) cannot teach. The KB's own model and the prior
 * are averaged.
 */
export type ConfidencePrior = readonly number[];

/** One calibration per writing system the KB has enough samples for, and one over all of them. */
export interface ScriptCalibration {
  pooled: Calibration;
  byScript: ReadonlyMap<Script, Calibration>;
  /** The calibration a text in `script` is read with (its own when fitted, else the pooled one). */
  for(script: Script): Calibration;
}

/** A writing system gets its own calibration with at least this many left-out KB questions… */
const MIN_SCRIPT_QUESTIONS = 12;
/** …and this many off-topic messages (otherwise its texts use the pooled calibration). */
const MIN_SCRIPT_OFF_TOPIC = 8;

/**
 * Wrong answers tolerated among the left-out KB questions the threshold would answer. Left-out
 * questions are harder than customers' messages (their entry loses one of its few questions, and
 * only half or so come out on top), so their error rate overstates the customers': 10 % here kept
 * wrong answers near 1 % on the development sets.
 */
const ANSWER_ERROR = 0.1;
/** Share of off-topic calibration messages the answer threshold may let through. */
const OFF_TOPIC_ANSWER = 0.02;
/** Share of off-topic calibration messages that may still be offered entries (clarify). */
const OFF_TOPIC_CLARIFY = 0.4;
/** Bounds so that a tiny or odd KB cannot calibrate itself into answering everything. */
const ANSWER_FLOOR = 0.55;
const CLARIFY_FLOOR = 0.2;
/**
 * …and so that a KB with too few questions to calibrate on (two per entry and language: the left-out
 * question's entry keeps one) cannot demand near-certainty: PromptMart's English calibrated itself to
 * 0.9 and answered a quarter of what it ranked right. Chosen on the development sets (0.65–1 tried).
 */
const ANSWER_CEILING = 0.7;

/** A message of this many words or more counts as long (a feature saturates there). */
const LONG_MESSAGE_WORDS = 12;

/** Ranking shape → features (the first is the bias). */
export function rankingFeatures(ranking: Ranking, order: readonly number[]): number[] {
  const top = order[0] ?? 0;
  const second = order[1];
  const fusedTop = ranking.fused[top] ?? 0;
  const fusedSecond = second === undefined ? 0 : (ranking.fused[second] ?? 0);
  let retrievalBest = 0;
  let modelBest = 0;
  ranking.retrieval.forEach((score, doc) => {
    if (score > (ranking.retrieval[retrievalBest] ?? 0)) retrievalBest = doc;
  });
  ranking.model.forEach((score, doc) => {
    if (score > (ranking.model[modelBest] ?? 0)) modelBest = doc;
  });
  return [
    1,
    fusedTop,
    fusedTop - fusedSecond,
    ranking.retrieval[top] ?? 0,
    ranking.model[top] ?? 0,
    ranking.coverage,
    Math.min(ranking.unknownWords, 3) / 3,
    retrievalBest === top && modelBest === top ? 1 : 0,
    // The top entry names the support concepts the message names, and more of them than the runner-up.
    ranking.conceptShare[top] ?? 0,
    (ranking.conceptShare[top] ?? 0) - (second === undefined ? 0 : (ranking.conceptShare[second] ?? 0)),
    // The lead relative to the top score: long messages score low, and so does their absolute lead.
    fusedTop > 0 ? 1 - fusedSecond / fusedTop : 0,
    Math.min(ranking.words, LONG_MESSAGE_WORDS) / LONG_MESSAGE_WORDS,
    ranking.script === "hangul" ? 1 : 0,
  ];
}

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

/**
 * Fits a logistic model of "the top entry is right" on samples (features as {@link rankingFeatures}
 * returns them, first one the bias), with the classes balanced.
 */
export function fitConfidenceModel(
  samples: readonly CalibrationSample[],
  l2 = 0.003,
  epochs = 1500,
): number[] {
  const dims = samples[0]?.features.length ?? 0;
  const weights = new Array<number>(dims).fill(0);
  const positives = samples.filter((s) => s.right).length;
  const negatives = samples.length - positives;
  // Balance the classes so the KB's size does not set the prior.
  const weightOf = (s: CalibrationSample): number =>
    s.right ? samples.length / (2 * Math.max(1, positives)) : samples.length / (2 * Math.max(1, negatives));
  const rate = 0.5;
  for (let epoch = 0; epoch < epochs; epoch++) {
    const gradient = new Array<number>(dims).fill(0);
    for (const sample of samples) {
      let z = 0;
      for (let d = 0; d < dims; d++) z += (weights[d] ?? 0) * (sample.features[d] ?? 0);
      const error = (sigmoid(z) - (sample.right ? 1 : 0)) * weightOf(sample);
      for (let d = 0; d < dims; d++) gradient[d] = (gradient[d] ?? 0) + error * (sample.features[d] ?? 0);
    }
    for (let d = 0; d < dims; d++) {
      const decay = d === 0 ? 0 : l2 * (weights[d] ?? 0);
      weights[d] = (weights[d] ?? 0) - rate * ((gradient[d] ?? 0) / samples.length + decay);
    }
  }
  return weights;
}

const linear = (weights: readonly number[], features: readonly number[]): number => {
  let z = 0;
  features.forEach((value, d) => {
    z += (weights[d] ?? 0) * value;
  });
  return z;
};

/** Fits the confidence model and both thresholds on calibration samples. */
export function calibrate(samples: readonly CalibrationSample[], prior?: ConfidencePrior): Calibration {
  const weights = fitConfidenceModel(samples);
  const confidence = (features: readonly number[]): number => {
    const own = sigmoid(linear(weights, features));
    return prior && prior.length === features.length ? (own + sigmoid(linear(prior, features))) / 2 : own;
  };
  const scored = samples
    .map((sample) => ({ sample, p: confidence(sample.features) }))
    .sort((a, b) => b.p - a.p);
  // Answer: the lowest confidence down to which wrong answers to the KB's own (left-out) questions
  // stay within ANSWER_ERROR of those answered, and off-topic messages answered within OFF_TOPIC_ANSWER.
  const offTopicCount = samples.filter((sample) => sample.offTopic && !sample.guarded).length;
  let answer = 1;
  let answered = 0;
  let wrong = 0;
  let offTopicAnswered = 0;
  /** Off-topic messages at or below this confidence stay unanswered (within OFF_TOPIC_ANSWER). */
  let offTopicBar = 0;
  for (const { sample, p } of scored) {
    if (sample.guarded) continue;
    if (sample.offTopic) offTopicAnswered++;
    else {
      answered++;
      if (!sample.right) wrong++;
    }
    if (offTopicAnswered > OFF_TOPIC_ANSWER * offTopicCount) {
      offTopicBar = p + 1e-6;
      break;
    }
    if (wrong <= ANSWER_ERROR * answered) answer = p;
  }
  // The ceiling relaxes the error budget on the KB's own questions, never the off-topic bar.
  answer = Math.max(offTopicBar, Math.min(ANSWER_CEILING, Math.max(ANSWER_FLOOR, answer)));
  // Clarify: above all but OFF_TOPIC_CLARIFY of the off-topic messages.
  const offTopic = scored.filter(({ sample }) => sample.offTopic).map(({ p }) => p);
  const cut = offTopic[Math.floor(offTopic.length * OFF_TOPIC_CLARIFY)] ?? CLARIFY_FLOOR;
  const clarify = Math.min(answer, Math.max(CLARIFY_FLOOR, cut + 1e-6));
  return { thresholds: { answer, clarify }, confidence };
}

/**
 * Calibrates each writing system on its own samples (Korean questions score lower than English ones,
 * so one threshold for both answers too little Korean or too much English), and all samples pooled
 * for a writing system with too few samples of its own.
 */
export function calibrateByScript(
  samples: readonly CalibrationSample[],
  prior?: ConfidencePrior,
): ScriptCalibration {
  const pooled = calibrate(samples, prior);
  const byScript = new Map<Script, Calibration>();
  for (const script of ["latin", "hangul"] as const) {
    const own = samples.filter((sample) => sample.script === script);
    const questions = own.filter((sample) => !sample.offTopic);
    const offTopic = own.length - questions.length;
    const right = questions.filter((sample) => sample.right).length;
    if (questions.length < MIN_SCRIPT_QUESTIONS || offTopic < MIN_SCRIPT_OFF_TOPIC) continue;
    if (right === 0 || right === own.length) continue;
    byScript.set(script, calibrate(own, prior));
  }
  return { pooled, byScript, for: (script) => byScript.get(script) ?? pooled };
}
