import { z } from "zod";
import { decodeFloat32, decodeInt8, encodeTyped } from "../features/codec.ts";
import type { FeatureConfig } from "../features/hashing.ts";
import type { SparseVector } from "../features/sparse.ts";
import {
  type LinearModel,
  linearScores,
  softmaxInPlace,
  trainSoftmaxRegression,
} from "../intent/softmax-regression.ts";
import { hashedVector } from "./hashed-vector.ts";

/** A hashed-feature linear classifier over sentiment labels, optionally with dense extra features. */
export interface LinearSentimentModel {
  readonly classes: readonly string[];
  readonly language: string;
  /** Class probabilities for a text (same order as `classes`); `dense` are the extra features. */
  predict(text: string, dense?: readonly number[]): Float64Array;
  toJSON(): LinearSentimentModelJson;
}

const featureConfigSchema = z.object({
  wordNgramMax: z.number().int(),
  charNgramMin: z.number().int(),
  charNgramMax: z.number().int(),
  cjkNgramMin: z.number().int(),
  cjkNgramMax: z.number().int(),
  cjkJoinWords: z.boolean().optional(),
  charMinWordLength: z.number().int().optional(),
  stem: z.boolean(),
});

/** File format of a sentiment model; weights are int8-quantised per class to keep files small. */
export const linearSentimentModelJsonSchema = z.object({
  kind: z.literal("switchboard-sentiment-model"),
  version: z.literal(1),
  language: z.string().min(2),
  classes: z.array(z.string()).min(2),
  features: featureConfigSchema,
  bits: z.number().int().min(8).max(24),
  denseFeatures: z.number().int().nonnegative(),
  scales: z.array(z.number()),
  weights: z.string(),
  bias: z.string(),
  provenance: z.string(),
});
export type LinearSentimentModelJson = z.infer<typeof linearSentimentModelJsonSchema>;

/** What {@link trainLinearSentimentModel} needs. */
export interface LinearSentimentTrainOptions {
  language: string;
  classes: readonly string[];
  features: FeatureConfig;
  bits: number;
  denseFeatures: number;
  epochs: number;
  learningRate: number;
  l2: number;
  provenance: string;
  /** Added to the class biases after training (decision offsets tuned by cross-validation). */
  biasOffsets?: readonly number[];
  /** Subtract the log class priors from the biases (balanced decisions). */
  balancePriors?: boolean;
  /** Scale features by naive-Bayes log-count ratios before training (two classes only). */
  nbScaling?: boolean;
}

/** A training example: text, class index and optional dense features. */
export interface SentimentTrainExample {
  text: string;
  label: number;
  dense?: readonly number[];
}

/** Trains a multinomial logistic regression on hashed n-grams (+ dense features). */
export function trainLinearSentimentModel(
  examples: readonly SentimentTrainExample[],
  options: LinearSentimentTrainOptions,
): LinearSentimentModel {
  const xs: SparseVector[] = examples.map((e) =>
    hashedVector(e.text, options.features, options.bits, e.dense),
  );
  const dim = (1 << options.bits) + options.denseFeatures;
  const ratio = options.classes.length === 2 && options.nbScaling ? nbRatios(xs, examples, dim) : undefined;
  if (ratio) for (const x of xs) scaleInPlace(x, ratio);
  const model = trainSoftmaxRegression(
    xs,
    Int32Array.from(examples.map((e) => e.label)),
    options.classes.length,
    dim,
    {
      epochs: options.epochs,
      learningRate: options.learningRate,
      l2: options.l2,
      seed: 11,
    },
  );
  // Dividing by the class prior makes the decision balanced across classes (what macro recall rewards).
  if (options.balancePriors) {
    const counts = new Float64Array(options.classes.length);
    for (const e of examples) counts[e.label] = (counts[e.label] ?? 0) + 1;
    for (let c = 0; c < counts.length; c++) {
      model.bias[c] =
        (model.bias[c] ?? 0) - Math.log(((counts[c] ?? 0) + 1) / (examples.length + counts.length));
    }
  }
  options.biasOffsets?.forEach((offset, c) => {
    model.bias[c] = (model.bias[c] ?? 0) + offset;
  });
  // x ⊙ r · W = x · (r ⊙ W): the NB scaling folds into the weights, so inference is unchanged.
  if (ratio) {
    const k = options.classes.length;
    for (let j = 0; j < model.weights.length; j++)
      model.weights[j] = (model.weights[j] ?? 0) * (ratio[Math.floor(j / k)] ?? 1);
  }
  return fromParts(options, quantize(model));
}

/**
 * Naive-Bayes log-count ratios (Wang & Manning 2012, NBSVM): features that separate the two classes
 * are scaled up before the regression. Mixed with 1 so unseen or neutral features keep some weight.
 */
function nbRatios(
  xs: readonly SparseVector[],
  examples: readonly SentimentTrainExample[],
  dim: number,
): Float32Array {
  const p = new Float64Array(dim).fill(1);
  const q = new Float64Array(dim).fill(1);
  xs.forEach((x, n) => {
    const target = examples[n]?.label === 1 ? p : q;
    for (let i = 0; i < x.indices.length; i++) {
      const j = x.indices[i] ?? 0;
      target[j] = (target[j] ?? 0) + Math.abs(x.values[i] ?? 0);
    }
  });
  let sp = 0;
  let sq = 0;
  for (let j = 0; j < dim; j++) {
    sp += p[j] ?? 0;
    sq += q[j] ?? 0;
  }
  const r = new Float32Array(dim);
  for (let j = 0; j < dim; j++) r[j] = 1 + Math.abs(Math.log((p[j] ?? 1) / sp / ((q[j] ?? 1) / sq)));
  return r;
}

function scaleInPlace(x: SparseVector, ratio: Float32Array): void {
  for (let i = 0; i < x.indices.length; i++)
    x.values[i] = (x.values[i] ?? 0) * (ratio[x.indices[i] ?? 0] ?? 1);
}

interface Quantized {
  model: LinearModel;
  scales: number[];
  int8: Int8Array;
}

/** Rounds each class's weights to int8 with a per-class scale (the model file is then 1 byte a weight). */
function quantize(model: LinearModel): Quantized {
  const { classes: k, weights } = model;
  const scales: number[] = [];
  for (let c = 0; c < k; c++) {
    let max = 0;
    for (let j = c; j < weights.length; j += k) max = Math.max(max, Math.abs(weights[j] ?? 0));
    scales.push(max > 0 ? max / 127 : 1);
  }
  const int8 = new Int8Array(weights.length);
  const dequantized = new Float32Array(weights.length);
  for (let j = 0; j < weights.length; j++) {
    const s = scales[j % k] ?? 1;
    const q = Math.max(-127, Math.min(127, Math.round((weights[j] ?? 0) / s)));
    int8[j] = q;
    dequantized[j] = q * s;
  }
  return { model: { ...model, weights: dequantized }, scales, int8 };
}

function fromParts(
  options: Omit<LinearSentimentTrainOptions, "epochs" | "learningRate" | "l2">,
  q: Quantized,
): LinearSentimentModel {
  const scores = new Float64Array(options.classes.length);
  return {
    classes: options.classes,
    language: options.language,
    predict(text, dense = []) {
      linearScores(
        q.model,
        hashedVector(text, options.features, options.bits, dense.slice(0, options.denseFeatures)),
        scores,
      );
      softmaxInPlace(scores);
      return Float64Array.from(scores);
    },
    toJSON() {
      return {
        kind: "switchboard-sentiment-model",
        version: 1,
        language: options.language,
        classes: [...options.classes],
        features: options.features,
        bits: options.bits,
        denseFeatures: options.denseFeatures,
        scales: q.scales,
        weights: encodeTyped(q.int8),
        bias: encodeTyped(q.model.bias),
        provenance: options.provenance,
      };
    },
  };
}

/** Restores a model saved with `toJSON()`; throws a `ZodError` when the file is malformed. */
export function linearSentimentModelFromJSON(json: unknown): LinearSentimentModel {
  const p = linearSentimentModelJsonSchema.parse(json);
  const int8 = decodeInt8(p.weights);
  const k = p.classes.length;
  const weights = new Float32Array(int8.length);
  for (let j = 0; j < int8.length; j++) weights[j] = (int8[j] ?? 0) * (p.scales[j % k] ?? 1);
  const dim = (1 << p.bits) + p.denseFeatures;
  if (weights.length !== dim * k)
    throw new Error(`sentiment model: expected ${dim * k} weights, got ${weights.length}`);
  const model: LinearModel = { dim, classes: k, weights, bias: decodeFloat32(p.bias) };
  return fromParts(p, { model, scales: p.scales, int8 });
}
