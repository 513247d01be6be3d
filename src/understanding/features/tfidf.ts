import { z } from "zod";
import { decodeFloat32, decodeUint32, encodeTyped } from "./codec.ts";
import { createFrozenLookup, createHashIndex } from "./hash-index.ts";
import {
  DEFAULT_FEATURE_CONFIG,
  extractHashedFeatures,
  type FeatureConfig,
  type HashedFeatures,
} from "./hashing.ts";
import type { SparseVector } from "./sparse.ts";

/** How a TF-IDF vectorizer is fitted. */
export interface TfidfOptions {
  features: FeatureConfig;
  /** Drop features seen in fewer training texts than this (1 keeps all). */
  minDf: number;
  /** Relative weight of the word block and of the character block, each L2-normalised first. */
  wordWeight: number;
  charWeight: number;
}

/** Defaults: word uni+bigrams and char 2–5-grams, equal block weights, no pruning. */
export const DEFAULT_TFIDF_OPTIONS: TfidfOptions = {
  features: DEFAULT_FEATURE_CONFIG,
  minDf: 1,
  wordWeight: 1,
  charWeight: 1,
};

/** A vectorized text plus the share of its words the vocabulary knows (an out-of-scope cue). */
export interface Vectorized {
  vector: SparseVector;
  knownWordRatio: number;
  wordCount: number;
}

/** A fitted TF-IDF vectorizer (sublinear tf, smoothed idf, per-block L2 normalisation). */
export interface TfidfVectorizer {
  readonly dim: number;
  readonly options: TfidfOptions;
  transform(text: string): Vectorized;
  transformHashed(features: HashedFeatures): Vectorized;
  toJSON(): TfidfJson;
}

export const tfidfJsonSchema = z.object({
  options: z.object({
    features: z.object({
      wordNgramMax: z.number().int(),
      charNgramMin: z.number().int(),
      charNgramMax: z.number().int(),
      cjkNgramMin: z.number().int(),
      cjkNgramMax: z.number().int(),
      cjkJoinWords: z.boolean().optional(),
      charMinWordLength: z.number().int().optional(),
      stem: z.boolean(),
    }),
    minDf: z.number().int(),
    wordWeight: z.number(),
    charWeight: z.number(),
  }),
  keys: z.string(),
  idf: z.string(),
});
export type TfidfJson = z.infer<typeof tfidfJsonSchema>;

/** Fits the vocabulary and idf weights on training texts. */
export function fitTfidf(
  texts: readonly string[],
  options: TfidfOptions = DEFAULT_TFIDF_OPTIONS,
): TfidfVectorizer {
  const seen = createHashIndex();
  let df: Int32Array = new Int32Array(1024);
  let lastDoc: Int32Array = new Int32Array(1024).fill(-1);
  const bump = (hashes: Uint32Array, doc: number): void => {
    for (const h of hashes) {
      const i = seen.add(h);
      if (i >= df.length) {
        df = grown(df, 0);
        lastDoc = grown(lastDoc, -1);
      }
      if (lastDoc[i] === doc) continue;
      lastDoc[i] = doc;
      df[i] = (df[i] ?? 0) + 1;
    }
  };
  texts.forEach((text, doc) => {
    const f = extractHashedFeatures(text, options.features);
    bump(f.wordHashes, doc);
    bump(f.charHashes, doc);
  });
  const allKeys = seen.keys();
  const keptKeys: number[] = [];
  const idf: number[] = [];
  const n = texts.length;
  for (let i = 0; i < allKeys.length; i++) {
    const d = df[i] ?? 0;
    if (d < options.minDf) continue;
    keptKeys.push(allKeys[i] ?? 0);
    idf.push(Math.log((1 + n) / (1 + d)) + 1);
  }
  return buildVectorizer(options, Uint32Array.from(keptKeys), Float32Array.from(idf));
}

function grown(array: Int32Array, fill: number): Int32Array {
  const next = new Int32Array(array.length * 2).fill(fill);
  next.set(array);
  return next;
}

/** Restores a vectorizer saved with `toJSON()`. */
export function tfidfFromJSON(json: TfidfJson): TfidfVectorizer {
  const parsed = tfidfJsonSchema.parse(json);
  return buildVectorizer(parsed.options, decodeUint32(parsed.keys), decodeFloat32(parsed.idf));
}

function buildVectorizer(options: TfidfOptions, keys: Uint32Array, idf: Float32Array): TfidfVectorizer {
  const lookup = createFrozenLookup(keys);
  // Scratch buffers reused by every transform call (synchronous, so never shared mid-call).
  const counts = new Float32Array(keys.length);
  let idx = new Int32Array(1024);
  let val = new Float32Array(1024);
  let used = 0;
  const ensure = (extra: number): void => {
    if (used + extra <= idx.length) return;
    const size = Math.max(idx.length * 2, used + extra);
    const nextIdx = new Int32Array(size);
    nextIdx.set(idx);
    idx = nextIdx;
    const nextVal = new Float32Array(size);
    nextVal.set(val);
    val = nextVal;
  };
  const blockInto = (hashes: Uint32Array, weight: number): number => {
    ensure(hashes.length);
    const start = used;
    for (const h of hashes) {
      const j = lookup(h);
      if (j < 0) continue;
      if (counts[j] === 0) idx[used++] = j;
      counts[j] = (counts[j] as number) + 1;
    }
    let sumSq = 0;
    for (let i = start; i < used; i++) {
      // `as number` rather than `?? 0` in hot loops: indices are in range by construction, and V8
      // compiles the unguarded reads measurably faster.
      const j = idx[i] as number;
      const c = counts[j] as number;
      const v = (c === 1 ? 1 : 1 + Math.log(c)) * (idf[j] as number);
      counts[j] = 0;
      val[i] = v;
      sumSq += v * v;
    }
    if (sumSq === 0 || weight === 0) {
      used = start;
      return 0;
    }
    const scale = weight / Math.sqrt(sumSq);
    for (let i = start; i < used; i++) val[i] = (val[i] as number) * scale;
    return weight * weight;
  };

  const transformHashed = (f: HashedFeatures): Vectorized => {
    used = 0;
    const total = blockInto(f.wordHashes, options.wordWeight) + blockInto(f.charHashes, options.charWeight);
    const indices = idx.slice(0, used);
    const values = val.slice(0, used);
    const norm = Math.sqrt(total);
    if (norm > 0) for (let i = 0; i < values.length; i++) values[i] = (values[i] ?? 0) / norm;
    let known = 0;
    for (const h of f.unigramHashes) if (lookup(h) >= 0) known++;
    const wordCount = f.unigramHashes.length;
    return {
      vector: { indices, values },
      knownWordRatio: wordCount === 0 ? 0 : known / wordCount,
      wordCount,
    };
  };

  return {
    dim: keys.length,
    options,
    transformHashed,
    transform: (text) => transformHashed(extractHashedFeatures(text, options.features)),
    toJSON: () => ({ options, keys: encodeTyped(keys), idf: encodeTyped(idf) }),
  };
}
