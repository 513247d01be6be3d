/**
 * The FAQ model: a nearest-centroid classifier trained at KB load on the KB's own questions and
 * answers. Every question (and, with a smaller weight, the answer) is a TF-IDF vector over the
 * same tokens as retrieval plus English character trigrams, which carry misspelt and inflected
 * words; an entry is the sum of its examples. A question can be left out of its entry's centroid
 * for calibration.
 */
import type { TermWeights } from "./bm25f.ts";

export interface CentroidExample {
  doc: number;
  features: TermWeights;
  /** Weight of the example in its entry's centroid (answers count less than questions). */
  weight: number;
}

export interface CentroidModel {
  /** TF-IDF, L2-normalised vector of `features` under the model's IDF. */
  vectorize(features: TermWeights): Map<string, number>;
  /** Cosine of the query with every entry's centroid; `leftOut` is an example index. */
  score(query: ReadonlyMap<string, number>, leftOut?: number): Float64Array;
  /** The vector of training example `index` (what `leftOut` subtracts). */
  example(index: number): ReadonlyMap<string, number>;
}

export function createCentroidModel(examples: readonly CentroidExample[], docCount: number): CentroidModel {
  const df = new Map<string, number>();
  for (const example of examples)
    for (const term of example.features.keys()) df.set(term, (df.get(term) ?? 0) + 1);
  const n = examples.length;
  const unknownIdf = Math.log(n + 1) + 1;
  const idf = (term: string): number => {
    const count = df.get(term);
    return count === undefined ? unknownIdf : Math.log((n + 1) / (count + 1)) + 1;
  };
  const vectorize = (features: TermWeights): Map<string, number> => {
    const vector = new Map<string, number>();
    let norm = 0;
    for (const [term, count] of features) {
      const weight = (count >= 1 ? 1 + Math.log(count) : count) * idf(term);
      vector.set(term, weight);
      norm += weight * weight;
    }
    norm = Math.sqrt(norm) || 1;
    for (const [term, weight] of vector) vector.set(term, weight / norm);
    return vector;
  };
  const vectors = examples.map((example) => vectorize(example.features));
  // Centroid sums and an inverted index over them; norms squared per entry.
  const sums: Map<string, number>[] = Array.from({ length: docCount }, () => new Map());
  vectors.forEach((vector, index) => {
    const example = examples[index];
    if (!example) return;
    const sum = sums[example.doc];
    if (!sum) return;
    for (const [term, weight] of vector) sum.set(term, (sum.get(term) ?? 0) + weight * example.weight);
  });
  const postings = new Map<string, { doc: number; weight: number }[]>();
  const normSquared = new Float64Array(docCount);
  sums.forEach((sum, doc) => {
    for (const [term, weight] of sum) {
      normSquared[doc] = (normSquared[doc] ?? 0) + weight * weight;
      const list = postings.get(term) ?? [];
      if (list.length === 0) postings.set(term, list);
      list.push({ doc, weight });
    }
  });

  return {
    vectorize,
    example: (index) => vectors[index] ?? new Map(),
    score(query, leftOut) {
      const dots = new Float64Array(docCount);
      for (const [term, weight] of query)
        for (const posting of postings.get(term) ?? [])
          dots[posting.doc] = (dots[posting.doc] ?? 0) + weight * posting.weight;
      const scores = new Float64Array(docCount);
      const left = leftOut === undefined ? undefined : examples[leftOut];
      for (let doc = 0; doc < docCount; doc++) {
        let dot = dots[doc] ?? 0;
        let squared = normSquared[doc] ?? 0;
        if (left && left.doc === doc && leftOut !== undefined) {
          const vector = vectors[leftOut] ?? new Map<string, number>();
          const sum = sums[doc] ?? new Map<string, number>();
          let queryDot = 0;
          let sumDot = 0;
          let self = 0;
          for (const [term, weight] of vector) {
            queryDot += (query.get(term) ?? 0) * weight;
            sumDot += (sum.get(term) ?? 0) * weight;
            self += weight * weight;
          }
          dot -= left.weight * queryDot;
          squared += -2 * left.weight * sumDot + left.weight * left.weight * self;
        }
        scores[doc] = squared > 1e-12 ? dot / Math.sqrt(squared) : 0;
      }
      return scores;
    },
  };
}
