/**
 * The FAQ engine: one API that ranks a KB's entries for a message (BM25F retrieval fused with a
 * FAQ model trained at load) and decides, with thresholds calibrated on the KB itself, whether to
 * answer, offer the top entries, or fall back. Follow-ups borrow the previous turn's topic; a
 * message asking two things is searched part by part.
 */
import { createHash } from "node:crypto";
import type { KnowledgeBase } from "../schema.ts";
import { analyze, MAX_ANALYZED_CHARS } from "./analyze.ts";
import {
  type CalibrationSample,
  type ConfidencePrior,
  calibrateByScript,
  rankingFeatures,
  type Thresholds,
} from "./calibration.ts";
import { CONFIDENCE_PRIOR } from "./confidence-prior.ts";
import { contentWords, isFollowUp, splitQuestions } from "./message-parts.ts";
import { OFF_TOPIC_EXAMPLES } from "./off-topic.ts";
import { createRanker, type EngineDoc, type Ranker, type Ranking, type RankOptions } from "./ranker.ts";
import type { Script } from "./writing-system.ts";

export type FaqEngineDecision = "answer" | "clarify" | "none";

export interface FaqEngineCandidate {
  entryId: string;
  /** Fused retrieval + model score (comparable within one message). */
  score: number;
}

export interface FaqSearchResult {
  decision: FaqEngineDecision;
  /** Calibrated probability that the top candidate is right. */
  confidence: number;
  /** Best first; when `decision` is "clarify", the entries to offer. */
  candidates: FaqEngineCandidate[];
  /** The previous turn's topic was used to read this message. */
  usedContext?: boolean;
  /** Present when the message asks several things: one result per question, in order. */
  parts?: (FaqSearchResult & { text: string })[];
}

export interface FaqSearchOptions {
  language?: string;
  context?: { previousEntryId?: string | undefined };
}

/** The answer / clarify thresholds of one writing system, and the top score worth offering. */
export interface ScriptThresholds extends Thresholds {
  offer: number;
}

export interface FaqEngine {
  search(text: string, options?: FaqSearchOptions): FaqSearchResult;
  /** Thresholds fitted on all calibration samples (writing systems without their own use these). */
  readonly thresholds: Thresholds;
  /** The thresholds a message is decided with, by its writing system (Korean scores live lower). */
  thresholdsFor(script: Script): ScriptThresholds;
  /** The entry whose KB question `text` is, as written (up to case, punctuation, stop words and inflection). */
  kbQuestion(text: string): string | undefined;
  /** The confidence model's input for a message read alone, and the entry ranked first (for fitting {@link CONFIDENCE_PRIOR}). */
  confidenceInput(text: string): { features: number[]; top: string | undefined };
}

export interface FaqEngineOptions {
  /** The confidence prior averaged with the KB's own model; `null` for the KB's model alone. */
  prior?: ConfidencePrior | null;
}

/** Offered options score at least this share of the top candidate. */
const OFFER_RATIO = 0.5;
/** Share of built-in off-topic messages whose top score stays below the offering bar. */
const OFFER_QUANTILE = 0.6;
const MIN_OFFER_SCORE = 0.05;
/** A top score below this means the message shares next to nothing with any entry. */
const NOTHING_SHARED = 0.02;
/**
 * A sole candidate is answered when, by one of these rules, its confidence is `confidence` of the way
 * from the clarify to the answer threshold and its score `score` times the offering bar: a fairly
 * confident one that clears the bar well, or a less confident one far above it ("젠장 비밀번호를
 * 잊어버렸어요"). Korean bars sit low, so the confidence must carry it: "스팀 환불 받으려면…" stays an
 * offer.
 */
const SOLE = [
  { confidence: 0.5, score: 4 },
  { confidence: 0.3, score: 8 },
] as const;
const MAX_OPTIONS = 3;
/** A runner-up scoring at least this share of the top candidate makes the message ambiguous: offer both (chosen on the development sets: 0.8–0.9 tried). */
const AMBIGUOUS = 0.85;
/** The same for a one-word message ("account", "prompt"): a bare word needs a clear lead to be answered. */
const AMBIGUOUS_ONE_WORD = 0.6;
/**
 * Clauses of a message looked at for a KB question as written: the question is near the start
 * ("damn, forgot my password again"); a pasted log of a thousand clauses is not a thousand questions.
 */
const MAX_CLAUSES = 12;
/** Weight of the previous topic's words when reading a follow-up. */
const CONTEXT_WEIGHT = 0.35;

function order(scores: Float64Array): number[] {
  return [...scores.keys()].sort((a, b) => (scores[b] ?? 0) - (scores[a] ?? 0));
}

/** A question's analysed terms in order: equal for texts that differ only in form. */
function questionKey(text: string): string {
  return analyze(text, { concepts: false })
    .filter((token) => token.kind !== "h")
    .map((token) => token.term)
    .join(" ");
}

function topicText(kb: KnowledgeBase, entryId: string, language: string | undefined): string | undefined {
  const entry = kb.entries.find((candidate) => candidate.id === entryId);
  if (!entry) return undefined;
  const questions =
    (language ? entry.questions[language] : undefined) ?? entry.questions[kb.defaultLocale] ?? [];
  return questions.slice(0, 2).join(" ");
}

/** Builds the engine for a KB: index, model and calibration (use {@link faqEngineFor} to share). */
export function createFaqEngine(kb: KnowledgeBase, options: FaqEngineOptions = {}): FaqEngine {
  const prior = options.prior === undefined ? CONFIDENCE_PRIOR : (options.prior ?? undefined);
  const docs: EngineDoc[] = kb.entries.map((entry) => ({
    id: entry.id,
    questions: Object.values(entry.questions).flat(),
    answers: Object.values(entry.answer),
  }));
  const ranker: Ranker = createRanker(docs);
  // A KB question typed as written (up to case, punctuation, stop words and inflection) is answered
  // with its entry: the KB's author said so. Questions shared by two entries are left to ranking.
  const exact = new Map<string, number | null>();
  docs.forEach((doc, d) => {
    for (const question of doc.questions) {
      const key = questionKey(question);
      if (key === "") continue;
      exact.set(key, exact.has(key) && exact.get(key) !== d ? null : d);
    }
  });

  /**
   * The entry whose KB question the message is, or contains with a few words around it: a clause
   * that is a KB question ("I'm so disappointed, my payment was declined"), or a KB question
   * followed by a few words ("결제가 거절됐어요 너무 실망이에요"). Words *before* a question in the same
   * clause are not accepted: they usually name something else ("my Netflix password").
   */
  function ownEntry(text: string, key = questionKey(text)): number | null | undefined {
    const whole = exact.get(key);
    if (whole !== undefined) return whole;
    const clauses = text.split(/[,.!?;，。！？]+/, MAX_CLAUSES);
    for (const clause of clauses) {
      const key = questionKey(clause);
      const doc = exact.get(key);
      if (doc !== undefined && doc !== null && key.split(" ").length >= 2) return doc;
    }
    const leading = startsWithQuestion(text);
    if (leading !== undefined || clauses.length < 2) return leading;
    // "damn, forgot my password again": a later clause that opens with a KB question.
    for (const clause of clauses.slice(1)) {
      const doc = startsWithQuestion(clause);
      if (doc !== undefined) return doc;
    }
    return undefined;
  }

  /** The entry whose KB question (two terms or more) `text` opens with, followed by a few words at most. */
  function startsWithQuestion(text: string): number | undefined {
    const terms = questionKey(text).split(" ");
    let best: { doc: number | null; length: number } | undefined;
    for (const [question, doc] of exact) {
      const length = question.split(" ").length;
      if (length < 2 || doc === null || terms.length - length > Math.max(2, length)) continue;
      if (terms.slice(0, length).join(" ") !== question) continue;
      if (!best || length > best.length) best = { doc, length };
      else if (length === best.length && best.doc !== doc) best = { doc: null, length };
    }
    return best?.doc ?? undefined;
  }

  const samples: CalibrationSample[] = [];
  docs.forEach((doc, d) => {
    doc.questions.forEach((question, q) => {
      const ranking = ranker.rank(question, { leaveOut: { doc: d, question: q } });
      const ranked = order(ranking.fused);
      samples.push({
        features: rankingFeatures(ranking, ranked),
        right: ranked[0] === d,
        offered: offered(ranking, ranked).includes(d),
        offTopic: false,
        guarded: ranking.unknownNames > 0,
        script: ranking.script,
      });
    });
  });
  const offTopicTops: { script: Script; top: number }[] = [];
  for (const text of OFF_TOPIC_EXAMPLES) {
    const ranking = ranker.rank(text);
    const { script } = ranking;
    samples.push({
      features: rankingFeatures(ranking, order(ranking.fused)),
      right: false,
      offered: false,
      offTopic: true,
      guarded: ranking.unknownNames > 0,
      script,
    });
    offTopicTops.push({ script, top: Math.max(...ranking.fused) });
  }
  const calibration = calibrateByScript(samples, prior);
  const { thresholds } = calibration.pooled;
  // Offering costs the customer one click, so the bar is where built-in off-topic messages stop:
  // a top score above most of theirs is worth showing, even when the confidence model doubts it.
  const offerBar = (tops: readonly number[]): number => {
    const sorted = [...tops].sort((a, b) => a - b);
    return Math.max(MIN_OFFER_SCORE, sorted[Math.floor(sorted.length * OFFER_QUANTILE)] ?? 0);
  };
  const pooledOffer = offerBar(offTopicTops.map(({ top }) => top));
  const perScript = new Map<Script, ScriptThresholds>();
  for (const script of ["latin", "hangul"] as const) {
    const own = calibration.byScript.get(script);
    const tops = offTopicTops.filter((sample) => sample.script === script).map(({ top }) => top);
    perScript.set(script, {
      ...(own ?? calibration.pooled).thresholds,
      offer: own ? offerBar(tops) : pooledOffer,
    });
  }
  const thresholdsFor = (script: Script): ScriptThresholds =>
    perScript.get(script) ?? { ...thresholds, offer: pooledOffer };

  function offered(ranking: Ranking, ranked: readonly number[]): number[] {
    const top = ranking.fused[ranked[0] ?? 0] ?? 0;
    return ranked.slice(0, MAX_OPTIONS).filter((doc) => (ranking.fused[doc] ?? 0) >= top * OFFER_RATIO);
  }

  /** `key` is the text's {@link questionKey} when the caller has it already. */
  function searchOne(text: string, rankOptions: RankOptions = {}, key?: string): FaqSearchResult {
    const ranking = ranker.rank(text, rankOptions);
    const ranked = order(ranking.fused);
    const own = rankOptions.context ? undefined : ownEntry(text, key);
    if (own !== undefined && own !== null) {
      const rest = ranked.filter((doc) => doc !== own).slice(0, MAX_OPTIONS - 1);
      return {
        decision: "answer",
        confidence: 1,
        candidates: [own, ...rest].map((doc) => ({
          entryId: docs[doc]?.id ?? "",
          score: ranking.fused[doc] ?? 0,
        })),
      };
    }
    const { script } = ranking;
    const { answer, clarify, offer: offerScore } = thresholdsFor(script);
    const confidence = calibration.for(script).confidence(rankingFeatures(ranking, ranked));
    let decision: FaqEngineDecision =
      confidence >= answer
        ? "answer"
        : confidence >= clarify || (ranking.fused[ranked[0] ?? 0] ?? 0) >= offerScore
          ? "clarify"
          : "none";
    const shown = decision === "clarify" ? offered(ranking, ranked) : ranked.slice(0, MAX_OPTIONS);
    // One entry standing alone well above the offering bar: offering it alone would only cost a click.
    const topScore = ranking.fused[ranked[0] ?? 0] ?? 0;
    if (
      decision === "clarify" &&
      shown.length === 1 &&
      SOLE.some(
        (rule) =>
          confidence >= clarify + (answer - clarify) * rule.confidence && topScore >= offerScore * rule.score,
      )
    )
      decision = "answer";
    // An entry that shares (next to) nothing with the message is not worth a button, let alone an
    // answer, however the confidence model reads the message's shape.
    if (decision !== "none" && topScore < NOTHING_SHARED) decision = "none";
    // "결제" alone, as close to "payment declined" as to "payment methods": ask which was meant.
    const runnerUp = ranking.fused[ranked[1] ?? 0] ?? 0;
    const ambiguous = contentWords(text) <= 1 ? AMBIGUOUS_ONE_WORD : AMBIGUOUS;
    if (decision === "answer" && ranked.length > 1 && runnerUp >= topScore * ambiguous) decision = "clarify";
    // "my Netflix password": a name the KB never mentions is another product, whatever the words around it.
    if (decision === "answer" && ranking.unknownNames > 0) decision = "clarify";
    return {
      decision,
      confidence,
      candidates: shown.map((doc) => ({ entryId: docs[doc]?.id ?? "", score: ranking.fused[doc] ?? 0 })),
    };
  }

  return {
    thresholds,
    thresholdsFor,
    kbQuestion(text) {
      const doc = exact.get(questionKey(text));
      return doc === undefined || doc === null ? undefined : docs[doc]?.id;
    },
    confidenceInput(text) {
      const ranking = ranker.rank(text);
      const ranked = order(ranking.fused);
      return { features: rankingFeatures(ranking, ranked), top: docs[ranked[0] ?? -1]?.id };
    },
    search(message, options = {}) {
      // What is read of a message is bounded, so a 100 KB paste costs what a 4 KB one does.
      const text = message.length > MAX_ANALYZED_CHARS ? message.slice(0, MAX_ANALYZED_CHARS) : message;
      const previous = options.context?.previousEntryId;
      const topic = previous ? topicText(kb, previous, options.language) : undefined;
      if (topic && isFollowUp(text)) {
        const result = searchOne(text, { context: { text: topic, weight: CONTEXT_WEIGHT } });
        // A follow-up is short by nature, so its confidence reads low: the topic it continues
        // vouches for offering the closest entries rather than giving up.
        if (result.decision !== "none" || result.candidates.length === 0)
          return { ...result, usedContext: true };
        const top = result.candidates[0]?.score ?? 0;
        const candidates = result.candidates.filter((c) => c.score >= top * OFFER_RATIO);
        return { ...result, decision: "clarify", candidates, usedContext: true };
      }
      const key = questionKey(text);
      const whole = searchOne(text, {}, key);
      // A KB question as written is one question, however it reads ("…갱신됐는데 환불받고 싶어요").
      const asWritten = exact.get(key);
      if (asWritten !== undefined && asWritten !== null) return whole;
      const pieces = splitQuestions(text);
      if (pieces.length < 2) return whole;
      const parts = pieces.slice(0, 3).map((piece) => ({ ...searchOne(piece), text: piece }));
      const found = parts.filter((part) => part.decision !== "none");
      const distinct = new Set(found.map((part) => part.candidates[0]?.entryId));
      if (found.length < 2 || distinct.size < 2) return whole;
      return { ...whole, parts: found };
    },
  };
}

const cache = new Map<string, FaqEngine>();
const CACHE_SIZE = 8;

/** The engine for a KB, built once per KB content (reloading an unchanged file reuses it). */
export function faqEngineFor(kb: KnowledgeBase): FaqEngine {
  const key = createHash("sha256").update(JSON.stringify(kb)).digest("hex");
  let engine = cache.get(key);
  if (!engine) {
    engine = createFaqEngine(kb);
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value ?? "");
    cache.set(key, engine);
  }
  return engine;
}
