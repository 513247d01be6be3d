/**
 * BM25F over two fields per entry — all its questions (every locale, concatenated) and its answer
 * text — with per-field weights and length normalisation. A question can be left out of its entry
 * (leave-one-question-out) without rebuilding the index, which is how calibration sees the KB as a
 * customer would: through wording it does not contain.
 */

/** A query or text as weighted terms. */
export type TermWeights = ReadonlyMap<string, number>;

export interface Bm25fParams {
  k1: number;
  questionWeight: number;
  answerWeight: number;
  questionB: number;
  answerB: number;
}

export const DEFAULT_BM25F: Bm25fParams = {
  k1: 1.2,
  questionWeight: 1,
  answerWeight: 0.2,
  questionB: 0.4,
  answerB: 0.75,
};

interface Posting {
  doc: number;
  question: number;
  answer: number;
}

/** Term counts of one entry's fields (the input of {@link createBm25fIndex}). */
export interface FieldCounts {
  question: TermWeights;
  answer: TermWeights;
}

export interface LeftOut {
  doc: number;
  /** Term counts of the left-out question, subtracted from the entry's question field. */
  counts: TermWeights;
}

export interface Bm25fIndex {
  readonly size: number;
  has(term: string): boolean;
  /** Whether any entry still holds `term` once `leftOut` is removed. */
  knows(term: string, leftOut?: LeftOut): boolean;
  idf(term: string): number;
  /** Scores of every entry for `query`; the second value is the query's ceiling (Σ idf·weight). */
  score(query: TermWeights, leftOut?: LeftOut): { scores: Float64Array; ceiling: number };
}

const total = (counts: TermWeights): number => {
  let sum = 0;
  for (const count of counts.values()) sum += count;
  return sum;
};

export function createBm25fIndex(
  docs: readonly FieldCounts[],
  params: Bm25fParams = DEFAULT_BM25F,
): Bm25fIndex {
  const postings = new Map<string, Posting[]>();
  const questionLength = docs.map((doc) => total(doc.question));
  const answerLength = docs.map((doc) => total(doc.answer));
  const mean = (values: number[]): number =>
    values.reduce((a, b) => a + b, 0) / Math.max(1, values.length) || 1;
  const questionMean = mean(questionLength);
  const answerMean = mean(answerLength);
  docs.forEach((doc, index) => {
    const terms = new Set([...doc.question.keys(), ...doc.answer.keys()]);
    for (const term of terms) {
      const list = postings.get(term) ?? [];
      if (list.length === 0) postings.set(term, list);
      list.push({ doc: index, question: doc.question.get(term) ?? 0, answer: doc.answer.get(term) ?? 0 });
    }
  });
  const n = docs.length;
  const idfCache = new Map<string, number>();
  const idf = (term: string): number => {
    let value = idfCache.get(term);
    if (value === undefined) {
      const df = postings.get(term)?.length ?? 0;
      value = Math.log(1 + (n - df + 0.5) / (df + 0.5));
      idfCache.set(term, value);
    }
    return value;
  };
  const { k1, questionWeight, answerWeight, questionB, answerB } = params;
  const questionNorm = questionLength.map((length) => 1 - questionB + (questionB * length) / questionMean);
  const answerNorm = answerLength.map((length) => 1 - answerB + (answerB * length) / answerMean);

  return {
    size: n,
    has: (term) => postings.has(term),
    knows(term, leftOut) {
      const list = postings.get(term);
      if (!list) return false;
      if (!leftOut || list.length > 1) return true;
      const only = list[0];
      return (
        !only ||
        only.doc !== leftOut.doc ||
        only.answer > 0 ||
        only.question > (leftOut.counts.get(term) ?? 0)
      );
    },
    idf,
    score(query, leftOut) {
      const scores = new Float64Array(n);
      let ceiling = 0;
      const leftOutNorm = leftOut
        ? 1 -
          questionB +
          (questionB * ((questionLength[leftOut.doc] ?? 0) - total(leftOut.counts))) / questionMean
        : 0;
      for (const [term, weight] of query) {
        const termIdf = idf(term);
        ceiling += termIdf * weight;
        for (const posting of postings.get(term) ?? []) {
          let questionTf = posting.question;
          let qNorm = questionNorm[posting.doc] ?? 1;
          if (leftOut && leftOut.doc === posting.doc) {
            questionTf -= leftOut.counts.get(term) ?? 0;
            qNorm = leftOutNorm;
          }
          const tf =
            (questionWeight * questionTf) / qNorm +
            (answerWeight * posting.answer) / (answerNorm[posting.doc] ?? 1);
          if (tf <= 0) continue;
          scores[posting.doc] = (scores[posting.doc] ?? 0) + (termIdf * weight * tf) / (k1 + tf);
        }
      }
      return { scores, ceiling: ceiling || 1 };
    },
  };
}
