import type { IntentExample, IntentResult, IntentScore } from "../../model/understanding.ts";
import type { TfidfOptions } from "../features/tfidf.ts";
import { tfidfFromJSON } from "../features/tfidf.ts";
import { fitTemperature } from "./calibration.ts";
import { INTENT_MODEL_VERSION, type IntentModelJson, intentModelJsonSchema } from "./model-json.ts";
import { createRandom, shuffledIndices } from "./random.ts";
import { type SoftmaxTrainOptions, softmaxInPlace } from "./softmax-regression.ts";
import { sparseScores, sparseWeightsFromJSON, sparseWeightsToJSON } from "./sparse-weights.ts";
import { type CoreOptions, DEFAULT_CORE_OPTIONS, type TrainedCore, trainCore } from "./train-core.ts";

/** The name returned when no intent is confident enough. */
export const OUT_OF_SCOPE = "out_of_scope";

/** Options of {@link createIntentClassifier}; every field has a measured default. */
export interface IntentClassifierOptions {
  /** Below this calibrated confidence the verdict is `out_of_scope` (default 0.45). */
  outOfScopeThreshold?: number;
  /** How many intents `ranked` lists (default 5). */
  topK?: number;
  /** Intents that mean "none of the above" when predicted (default `["out_of_scope", "oos"]`). */
  outOfScopeIntents?: readonly string[];
  /** Softmax temperature; when unset it is fitted on held-out data at training time. */
  temperature?: number;
  /** Share of each intent's examples held out to fit the temperature (default 0.2). */
  calibrationHoldout?: number;
  /** Class-prototype weight blended into the linear scores (default "auto", see train-core.ts). */
  prototypeWeight?: number | "auto";
  /** Use each intent's name as an extra example (default true). */
  labelNameExamples?: boolean;
  tfidf?: Partial<TfidfOptions>;
  training?: Partial<SoftmaxTrainOptions>;
}

/** Per-call overrides for {@link IntentModel.classify}. */
export interface ClassifyOptions {
  topK?: number;
  outOfScopeThreshold?: number;
}

/** A trained intent model. */
export interface IntentModel {
  /** Known intents, sorted. */
  readonly intents: readonly string[];
  readonly temperature: number;
  readonly outOfScopeThreshold: number;
  /**
   * Ranks the intents for a text. When the best confidence is under the threshold (or the best intent
   * is one of `outOfScopeIntents`) the verdict is `out_of_scope`, its `confidence` is 1 − the best
   * intent's confidence, and `ranked` still lists the nearest intents.
   */
  classify(text: string, options?: ClassifyOptions): IntentResult;
  /** Serialisable form, restored by {@link IntentClassifier.fromJSON}. */
  toJSON(): IntentModelJson;
}

/** Trains intent models and restores cached ones. */
export interface IntentClassifier {
  /**
   * Trains on the examples (≥ 1 intent). `calibrationExamples`, when given, are used to fit the
   * temperature instead of a held-out share of the training examples.
   */
  train(
    examples: readonly IntentExample[],
    options?: { calibrationExamples?: readonly IntentExample[] },
  ): IntentModel;
  /** Restores a model from `toJSON()` output; throws a `ZodError` on a malformed file. */
  fromJSON(json: unknown): IntentModel;
}

/**
 * Creates an offline intent classifier: TF-IDF word (1–2) and character (2–5) n-grams, multinomial
 * logistic regression (AdaGrad) blended with class prototypes, temperature-calibrated confidences.
 * Trains a few hundred examples in well under a second.
 */
export function createIntentClassifier(options: IntentClassifierOptions = {}): IntentClassifier {
  const core: CoreOptions = {
    tfidf: { ...DEFAULT_CORE_OPTIONS.tfidf, ...options.tfidf },
    training: { ...DEFAULT_CORE_OPTIONS.training, ...options.training },
    prototypeWeight: options.prototypeWeight ?? DEFAULT_CORE_OPTIONS.prototypeWeight,
    labelNameExamples: options.labelNameExamples ?? DEFAULT_CORE_OPTIONS.labelNameExamples,
    pruneBelow: DEFAULT_CORE_OPTIONS.pruneBelow,
    outOfScopeIntents: options.outOfScopeIntents ?? DEFAULT_CORE_OPTIONS.outOfScopeIntents,
  };
  const threshold = options.outOfScopeThreshold ?? 0.45;
  const topK = options.topK ?? 5;
  return {
    train(examples, trainOptions = {}) {
      if (examples.length === 0) throw new Error("intent classifier: no training examples were given");
      const trained = trainCore(examples, core);
      const calibrationSet = trainOptions.calibrationExamples;
      let temperature = options.temperature;
      if (temperature === undefined) {
        temperature = calibrationSet
          ? temperatureOn(trained, calibrationSet)
          : holdoutTemperature(examples, core, options.calibrationHoldout ?? 0.2);
      }
      return buildModel(trained, core.outOfScopeIntents, temperature, threshold, topK);
    },
    fromJSON(json) {
      const parsed = intentModelJsonSchema.parse(json);
      const trained: TrainedCore = {
        intents: parsed.intents,
        vectorizer: tfidfFromJSON(parsed.vectorizer),
        weights: sparseWeightsFromJSON(parsed.weights),
      };
      return buildModel(
        trained,
        parsed.outOfScopeIntents,
        parsed.temperature,
        parsed.outOfScopeThreshold,
        topK,
      );
    },
  };
}

function rawScores(trained: TrainedCore, text: string): Float64Array {
  const out = new Float64Array(trained.intents.length);
  sparseScores(trained.weights, trained.vectorizer.transform(text).vector, out);
  return out;
}

function temperatureOn(trained: TrainedCore, examples: readonly IntentExample[]): number {
  const index = new Map(trained.intents.map((intent, i) => [intent, i]));
  const known = examples.filter((e) => index.has(e.intent));
  return fitTemperature(
    known.map((e) => rawScores(trained, e.text)),
    known.map((e) => index.get(e.intent) ?? 0),
  );
}

/** Holds out a stratified share of each intent's examples, trains on the rest, fits T on them. */
function holdoutTemperature(examples: readonly IntentExample[], core: CoreOptions, share: number): number {
  const byIntent = new Map<string, IntentExample[]>();
  for (const e of examples) byIntent.set(e.intent, [...(byIntent.get(e.intent) ?? []), e]);
  const random = createRandom(core.training.seed + 1);
  const fit: IntentExample[] = [];
  const held: IntentExample[] = [];
  for (const group of byIntent.values()) {
    const order = shuffledIndices(group.length, random);
    const nHeld = group.length >= 3 ? Math.max(1, Math.round(group.length * share)) : 0;
    order.forEach((i, rank) => {
      const e = group[i];
      if (e) (rank < nHeld ? held : fit).push(e);
    });
  }
  if (held.length === 0 || byIntent.size < 2) return 1;
  return temperatureOn(trainCore(fit, core), held);
}

function buildModel(
  trained: TrainedCore,
  outOfScopeIntents: readonly string[],
  temperature: number,
  threshold: number,
  defaultTopK: number,
): IntentModel {
  const { intents } = trained;
  const oos = new Set(outOfScopeIntents);
  const scores = new Float64Array(intents.length);
  return {
    intents,
    temperature,
    outOfScopeThreshold: threshold,
    classify(text, callOptions = {}) {
      sparseScores(trained.weights, trained.vectorizer.transform(text).vector, scores);
      softmaxInPlace(scores, temperature);
      const k = Math.min(callOptions.topK ?? defaultTopK, intents.length);
      const top = intents[argmax(scores)] ?? "";
      const ranked: IntentScore[] = [];
      for (const i of topIndices(scores, k + oos.size)) {
        if (ranked.length >= k) break;
        const name = intents[i] ?? "";
        if (!oos.has(name)) ranked.push({ name, confidence: clamp01(scores[i] ?? 0) });
      }
      const best = ranked[0];
      const cut = callOptions.outOfScopeThreshold ?? threshold;
      if (!best || oos.has(top) || best.confidence < cut) {
        return {
          name: OUT_OF_SCOPE,
          confidence: clamp01(1 - (best?.confidence ?? 0)),
          outOfScope: true,
          ranked,
        };
      }
      return { name: best.name, confidence: best.confidence, outOfScope: false, ranked };
    },
    toJSON() {
      return {
        kind: "switchboard-intent-model",
        version: INTENT_MODEL_VERSION,
        intents,
        outOfScopeIntents: [...outOfScopeIntents],
        temperature,
        outOfScopeThreshold: threshold,
        vectorizer: trained.vectorizer.toJSON(),
        weights: sparseWeightsToJSON(trained.weights),
      };
    },
  };
}

function argmax(values: Float64Array): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if ((values[i] as number) > (values[best] as number)) best = i;
  return best;
}

/** Indices of the k largest values, best first (selection, cheaper than sorting all intents). */
function topIndices(values: Float64Array, k: number): number[] {
  const picked: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (picked.length === k && v <= (values[picked[k - 1] as number] as number)) continue;
    let at = picked.length < k ? picked.length : k - 1;
    picked[at] = i;
    while (at > 0 && (values[picked[at - 1] as number] as number) < v) {
      picked[at] = picked[at - 1] as number;
      picked[at - 1] = i;
      at--;
    }
  }
  return picked;
}

function clamp01(x: number): number {
  return Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0;
}
