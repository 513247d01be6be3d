import type { KnowledgeBase } from "./schema.ts";
import { extractFeatures } from "./text-features.ts";

/** One scored KB entry. `score` is a cosine similarity in [0, 1]. */
export interface Candidate {
  id: string;
  score: number;
  /** The KB question that matched best. */
  question: string;
}

export interface Retriever {
  search(text: string, limit?: number): Candidate[];
}

interface Doc {
  entryId: string;
  question: string;
}

/**
 * TF-IDF retrieval over every question of every entry (all locales in one index, so a Korean
 * question finds Korean phrasings). An entry scores as its best-matching question.
 */
export function createRetriever(kb: KnowledgeBase): Retriever {
  const docs: Doc[] = [];
  const docFeatures: Map<string, number>[] = [];
  for (const entry of kb.entries) {
    for (const questions of Object.values(entry.questions)) {
      for (const question of questions) {
        docs.push({ entryId: entry.id, question });
        docFeatures.push(extractFeatures(question));
      }
    }
  }
  const documentFrequency = new Map<string, number>();
  for (const features of docFeatures) {
    for (const term of features.keys()) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
  }
  const idf = (term: string): number =>
    Math.log((1 + docs.length) / (1 + (documentFrequency.get(term) ?? 0))) + 1;

  // Inverted index of L2-normalised TF-IDF weights.
  const postings = new Map<string, { doc: number; weight: number }[]>();
  docFeatures.forEach((features, doc) => {
    const weights = weigh(features, idf);
    for (const [term, weight] of weights) {
      const list = postings.get(term) ?? [];
      if (list.length === 0) postings.set(term, list);
      list.push({ doc, weight });
    }
  });

  return {
    search(text, limit = 3) {
      const query = weigh(extractFeatures(text), idf);
      const scores = new Float64Array(docs.length);
      for (const [term, weight] of query) {
        for (const posting of postings.get(term) ?? [])
          scores[posting.doc] = (scores[posting.doc] ?? 0) + weight * posting.weight;
      }
      const best = new Map<string, Candidate>();
      scores.forEach((score, index) => {
        const doc = docs[index];
        if (!doc || score <= 0) return;
        const current = best.get(doc.entryId);
        if (!current || score > current.score)
          best.set(doc.entryId, { id: doc.entryId, score: Math.min(1, score), question: doc.question });
      });
      return [...best.values()].sort((a, b) => b.score - a.score).slice(0, limit);
    },
  };
}

/** Sublinear TF × IDF, L2-normalised. Unknown terms still count against the norm. */
function weigh(features: Map<string, number>, idf: (term: string) => number): Map<string, number> {
  const weights = new Map<string, number>();
  let norm = 0;
  for (const [term, count] of features) {
    const weight = (count >= 1 ? 1 + Math.log(count) : count) * idf(term);
    weights.set(term, weight);
    norm += weight * weight;
  }
  norm = Math.sqrt(norm) || 1;
  for (const [term, weight] of weights) weights.set(term, weight / norm);
  return weights;
}
