/**
 * Ranks FAQ entries for a message: BM25F retrieval and the centroid FAQ model over the same
 * analysis, fused into one score per entry. Unknown English words are spelling-corrected against
 * the KB's vocabulary first.
 */
import { analyze, otherServices, properNouns, type Token } from "./analyze.ts";
import { type Bm25fParams, createBm25fIndex, DEFAULT_BM25F, type TermWeights } from "./bm25f.ts";
import { createCentroidModel } from "./centroid-model.ts";
import { conceptsOf } from "./concepts.ts";
import { createSpellingCorrector } from "./spelling.ts";
import { type Script, writingSystem } from "./writing-system.ts";

/** One FAQ entry as the engine sees it: plain texts, any locale. */
export interface EngineDoc {
  id: string;
  questions: readonly string[];
  answers: readonly string[];
}

export interface RankerParams {
  bm25: Bm25fParams;
  /** Weight of a Hangul bigram relative to a word in retrieval. */
  bigramWeight: number;
  /** Weight of a support concept (see concepts.ts) relative to a word, in retrieval and the model. */
  conceptWeight: number;
  /** Weight of a spelling-corrected word relative to a word typed right. */
  correctionWeight: number;
  /** Weight of the FAQ model's cosine in the fused score (retrieval counts 1). */
  modelWeight: number;
  /** Weight of an answer among an entry's examples in the FAQ model (a question counts 1). */
  answerExampleWeight: number;
  /** Weight of an English character trigram in the FAQ model. */
  trigramWeight: number;
}

export const DEFAULT_RANKER: RankerParams = {
  bm25: DEFAULT_BM25F,
  bigramWeight: 0.4,
  conceptWeight: 1.5,
  correctionWeight: 0.8,
  modelWeight: 0.6,
  answerExampleWeight: 0.3,
  trigramWeight: 0.35,
};

/** Per-entry scores for one message. */
export interface Ranking {
  /** Retrieval score divided by the query's ceiling, in [0, 1). */
  retrieval: Float64Array;
  /** FAQ model cosine in [0, 1]. */
  model: Float64Array;
  fused: Float64Array;
  /** Share of the query's retrieval weight on terms the KB knows (after correction). */
  coverage: number;
  /** Words the KB has never seen, even after spelling correction (often another product's name). */
  unknownWords: number;
  /** Per entry: share of the message's support concepts the entry also names (0 when the message names none). */
  conceptShare: Float64Array;
  /** Names the customer wrote (see {@link properNouns}) that the KB never mentions: another product's. */
  unknownNames: number;
  /** Words in the message (personal data, concepts and Hangul bigrams not counted). */
  words: number;
  /** How the message is written (see {@link writingSystem}): Korean scores live lower. */
  script: Script;
}

/** Extra query terms (the previous turn's topic), added with their own weights. */
export interface RankOptions {
  context?: { text: string; weight: number };
  /** Calibration: leave question `question` of entry `doc` out of the index and the model. */
  leaveOut?: { doc: number; question: number };
}

export interface Ranker {
  readonly docs: readonly EngineDoc[];
  rank(text: string, options?: RankOptions): Ranking;
}

const hangulBigrams = (word: string): string[] => {
  const out: string[] = [];
  for (let i = 0; i + 2 <= word.length; i++) out.push(`#${word.slice(i, i + 2)}`);
  return out;
};

const bump = (map: Map<string, number>, key: string, by: number): void => {
  map.set(key, (map.get(key) ?? 0) + by);
};

function modelFeatures(tokens: readonly Token[], params: RankerParams, scale = 1): Map<string, number> {
  const out = new Map<string, number>();
  for (const token of tokens) {
    if (token.kind === "h") bump(out, token.term, 0.5 * scale);
    else if (token.kind === "c") bump(out, token.term, params.conceptWeight * scale);
    else bump(out, token.term, scale);
    if (token.surface && token.surface.length >= 4) {
      const padded = `<${token.surface}>`;
      for (let i = 0; i + 3 <= padded.length; i++)
        bump(out, `~${padded.slice(i, i + 3)}`, params.trigramWeight * scale);
    }
  }
  return out;
}

function retrievalCounts(tokens: readonly Token[], params: RankerParams): Map<string, number> {
  const out = new Map<string, number>();
  for (const token of tokens)
    bump(
      out,
      token.term,
      token.kind === "h" ? params.bigramWeight : token.kind === "c" ? params.conceptWeight : 1,
    );
  return out;
}

export function createRanker(docs: readonly EngineDoc[], params: RankerParams = DEFAULT_RANKER): Ranker {
  const questionTokens = docs.map((doc) => doc.questions.map((question) => analyze(question)));
  const answerTokens = docs.map((doc) => doc.answers.map((answer) => analyze(answer)));
  const vocabulary = new Map<string, number>();
  for (const tokens of [...questionTokens.flat(), ...answerTokens.flat()])
    for (const token of tokens) if (token.surface) bump(vocabulary, token.surface, 1);

  const questionCounts = questionTokens.map((list) => list.map((tokens) => retrievalCounts(tokens, params)));
  const index = createBm25fIndex(
    docs.map((_, doc) => {
      const question = new Map<string, number>();
      const answer = new Map<string, number>();
      for (const counts of questionCounts[doc] ?? [])
        for (const [term, count] of counts) bump(question, term, count);
      for (const tokens of answerTokens[doc] ?? [])
        for (const [term, count] of retrievalCounts(tokens, params)) bump(answer, term, count);
      return { question, answer };
    }),
    params.bm25,
  );
  const examples: { doc: number; features: Map<string, number>; weight: number }[] = [];
  const exampleOf: number[][] = [];
  docs.forEach((_, doc) => {
    exampleOf[doc] = (questionTokens[doc] ?? []).map((tokens) => {
      examples.push({ doc, features: modelFeatures(tokens, params), weight: 1 });
      return examples.length - 1;
    });
    for (const tokens of answerTokens[doc] ?? [])
      examples.push({ doc, features: modelFeatures(tokens, params), weight: params.answerExampleWeight });
  });
  const model = createCentroidModel(examples, docs.length);
  // Which support concepts each entry names, counted per question (so one can be left out) and in its answers.
  const conceptsIn = (tokens: readonly Token[]): Set<string> =>
    new Set(tokens.flatMap((token) => (token.kind === "c" ? [token.term] : [])));
  const questionConcepts = questionTokens.map((list) => list.map(conceptsIn));
  const entryConcepts = docs.map((_, doc) => {
    const counts = new Map<string, number>();
    for (const concepts of questionConcepts[doc] ?? []) for (const c of concepts) bump(counts, c, 1);
    for (const tokens of answerTokens[doc] ?? []) for (const c of conceptsIn(tokens)) bump(counts, c, 1);
    return counts;
  });
  const speller = createSpellingCorrector(vocabulary);
  const stemOf = new Map<string, string>();
  // Every word the KB writes (stems and surfaces), for names it writes inside a compound.
  const kbWords = new Set<string>();
  for (const tokens of [...questionTokens.flat(), ...answerTokens.flat()])
    for (const token of tokens) {
      if (token.surface) stemOf.set(token.surface, token.term);
      if (token.kind === "w") {
        kbWords.add(token.term);
        if (token.surface) kbWords.add(token.surface);
      }
    }
  /**
   * A name the KB mentions, alone or opening a compound: "Kakao" and "카카오" where the KB writes
   * "KakaoPay" and "카카오페이". Only names the index does not know are looked up (a rare path).
   */
  const kbNames = (term: string, left: Parameters<typeof index.knows>[1]): boolean => {
    if (index.knows(term, left)) return true;
    for (const word of kbWords) if (word.length > term.length && word.startsWith(term)) return true;
    return false;
  };

  /** Tokens with misspelt English words replaced by their corrections (names the customer wrote kept). */
  function corrected(
    tokens: readonly Token[],
    names: ReadonlySet<string>,
  ): { tokens: Token[]; weights: number[] } {
    const out: Token[] = [];
    const weights: number[] = [];
    for (const token of tokens) {
      if (token.kind === "w" && token.surface && !index.has(token.term) && !names.has(token.surface)) {
        const fixes = speller.correct(token.surface);
        if (fixes.length > 0) {
          for (const fix of fixes.slice(0, 2)) {
            const weight = params.correctionWeight / Math.min(2, fixes.length);
            out.push({ term: stemOf.get(fix) ?? fix, surface: fix, kind: "w" });
            weights.push(weight);
            // "refnud" names a refund once corrected, like "refund" does.
            for (const concept of conceptsOf(fix))
              if (!tokens.some((other) => other.term === concept)) {
                out.push({ term: concept, kind: "c" });
                weights.push(weight);
              }
          }
          continue;
        }
      }
      out.push(token);
      weights.push(1);
    }
    return { tokens: out, weights };
  }

  return {
    docs,
    rank(text, options = {}) {
      const names = properNouns(text);
      for (const service of otherServices(text)) names.add(service);
      const { tokens, weights } = corrected(analyze(text), names);
      const retrievalQuery = new Map<string, number>();
      const modelQuery = new Map<string, number>();
      tokens.forEach((token, i) => {
        // Personal data is neither a topic nor a sign of one: its typed token only keeps it out of the words.
        if (token.kind === "p") return;
        const weight = weights[i] ?? 1;
        bump(
          retrievalQuery,
          token.term,
          (token.kind === "h" ? params.bigramWeight : token.kind === "c" ? params.conceptWeight : 1) * weight,
        );
        for (const [term, value] of modelFeatures([token], params, weight)) bump(modelQuery, term, value);
      });
      const leaveOut = options.leaveOut;
      const leftCounts: TermWeights | undefined = leaveOut
        ? questionCounts[leaveOut.doc]?.[leaveOut.question]
        : undefined;
      const left = leaveOut && leftCounts ? { doc: leaveOut.doc, counts: leftCounts } : undefined;
      let unknownWords = 0;
      let unknownNames = 0;
      let words = 0;
      tokens.forEach((token, i) => {
        if (token.kind === "w" && (weights[i] ?? 1) === 1) words++;
        const name = token.surface ?? token.term;
        if (token.kind === "w" && names.has(name) && !kbNames(token.term, left)) unknownNames++;
        if (token.kind !== "w" || /\d/.test(token.term) || index.knows(token.term, left)) return;
        const bigrams = token.surface ? [] : hangulBigrams(token.term);
        const knownBigrams = bigrams.filter((gram) => index.knows(gram, left)).length;
        if (bigrams.length > 0 && knownBigrams * 2 > bigrams.length) return;
        if ((weights[i] ?? 1) === 1) unknownWords++;
      });
      let known = 0;
      let all = 0;
      for (const [term, weight] of retrievalQuery) {
        all += weight;
        if (index.knows(term, left)) known += weight;
      }
      if (options.context) {
        const contextTokens = analyze(options.context.text);
        const scale = options.context.weight;
        for (const [term, count] of retrievalCounts(contextTokens, params))
          bump(retrievalQuery, term, count * scale);
        for (const [term, value] of modelFeatures(contextTokens, params, scale))
          bump(modelQuery, term, value);
      }
      const { scores, ceiling } = index.score(retrievalQuery, left);
      const leftExample = leaveOut ? exampleOf[leaveOut.doc]?.[leaveOut.question] : undefined;
      const cosine = model.score(model.vectorize(modelQuery), leftExample);
      const asked = [...conceptsIn(tokens)];
      const conceptShare = new Float64Array(docs.length);
      if (asked.length > 0)
        for (let doc = 0; doc < docs.length; doc++) {
          const leftConcepts = leaveOut?.doc === doc ? questionConcepts[doc]?.[leaveOut.question] : undefined;
          const named = asked.filter(
            (c) => (entryConcepts[doc]?.get(c) ?? 0) - (leftConcepts?.has(c) ? 1 : 0) > 0,
          ).length;
          conceptShare[doc] = named / asked.length;
        }
      const retrieval = new Float64Array(docs.length);
      const fused = new Float64Array(docs.length);
      for (let doc = 0; doc < docs.length; doc++) {
        retrieval[doc] = (scores[doc] ?? 0) / ceiling;
        fused[doc] = (retrieval[doc] ?? 0) + params.modelWeight * (cosine[doc] ?? 0);
      }
      return {
        retrieval,
        model: cosine,
        fused,
        conceptShare,
        coverage: all > 0 ? known / all : 0,
        unknownWords,
        unknownNames,
        words,
        script: writingSystem(text),
      };
    },
  };
}
