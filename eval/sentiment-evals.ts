import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { createOfflineUnderstander } from "../src/understanding/offline-understander.ts";
import {
  EN_SENTIMENT_MODEL_URL,
  KO_SENTIMENT_MODEL_URL,
  loadSentimentModelFile,
} from "../src/understanding/sentiment/bundled-models.ts";
import { englishDenseFeatures } from "../src/understanding/sentiment/english-features.ts";
import { createSentimentAnalyzer } from "../src/understanding/sentiment/sentiment-analyzer.ts";
import { loadNsmc, loadTweetEval } from "./datasets.ts";
import { accuracy, pct, seconds, throughput } from "./metrics.ts";
import { createAfinn } from "./peers.ts";
import { macroRecall, trainEnglishSentiment, trainKoreanSentiment } from "./sentiment-training.ts";

const LABEL_INDEX = { negative: 0, neutral: 1, positive: 2 } as const;

/**
 * TweetEval sentiment test, macro-averaged recall (the official metric):
 * - `macroRecallAsShipped`: what production uses — the default offline understander
 *   (`createOfflineUnderstander()`: language detection, then the bundled English model on top of the
 *   lexicons and signals), nothing forced;
 * - `macroRecallRetrainedHere`: the same pipeline with a model retrained in this run by the training
 *   script (`shippedFileMatchesRetrain` = 1 when it is byte-for-byte the bundled file);
 * - the lexicon-only path (no model), the model alone (argmax), and AFINN as a peer.
 */
export async function tweetEvalSentiment(): Promise<Record<string, number>> {
  const val = loadTweetEval("sentiment", "val");
  const test = loadTweetEval("sentiment", "test");
  const gold = test.map((e) => e.label);
  const labelsOf = (analyze: (text: string) => keyof typeof LABEL_INDEX): number[] =>
    test.map((e) => LABEL_INDEX[analyze(e.text)]);

  const shipped = createOfflineUnderstander({ examples: [] });
  const shippedSentiment = (text: string): keyof typeof LABEL_INDEX =>
    shipped.understand(text).sentiment?.label ?? "neutral";
  const asShipped = macroRecall(gold, labelsOf(shippedSentiment));
  const lexicon = createSentimentAnalyzer({ models: { en: null, ko: null } });
  const lexiconOnly = macroRecall(
    gold,
    labelsOf((text) => lexicon.analyze(text, "en").label),
  );

  let model = undefined as ReturnType<typeof trainEnglishSentiment> | undefined;
  const trainSeconds = seconds(() => {
    model = trainEnglishSentiment(val);
  });
  const m = model;
  if (!m) throw new Error("training produced no model");
  const retrained = createSentimentAnalyzer({ models: { en: m, ko: null } });
  const rawModelPred = test.map((e) => argmax(m.predict(e.text, englishDenseFeatures(e.text))));
  const afinn = await createAfinn();
  const afinnRecall = macroRecall(
    gold,
    test.map((e) => afinn(e.text)),
  );
  const sample = test.slice(0, 2000).map((e) => e.text);
  const perSecond = throughput(sample, (text) => shipped.understand(text), 1);
  return {
    macroRecallAsShipped: pct(asShipped),
    macroRecallRetrainedHere: pct(
      macroRecall(
        gold,
        labelsOf((text) => retrained.analyze(text, "en").label),
      ),
    ),
    macroRecallModelAlone: pct(macroRecall(gold, rawModelPred)),
    macroRecallLexiconOnly: pct(lexiconOnly),
    afinnMacroRecall: pct(afinnRecall),
    ratioToAfinn: Math.round((asShipped / afinnRecall) * 1000) / 1000,
    modelTrainSeconds: Math.round(trainSeconds * 100) / 100,
    shippedFileMatchesRetrain: sameModel(m.toJSON()) ? 1 : 0,
    shippedModelBytes: fileBytes(EN_SENTIMENT_MODEL_URL),
    // Language detection + sentiment of one tweet through the shipped understander (no intent model).
    microsecondsPerMessageAsShipped: Math.round(1e6 / perSecond),
  };
}

function fileBytes(url: URL): number {
  try {
    return readFileSync(fileURLToPath(url)).length;
  } catch {
    return 0;
  }
}

function sameModel(json: unknown): boolean {
  try {
    const shipped = gunzipSync(readFileSync(fileURLToPath(EN_SENTIMENT_MODEL_URL))).toString("utf8");
    return shipped === `${JSON.stringify(json)}\n`;
  } catch {
    return false;
  }
}

/** ko_nsmc_rebuilt test accuracy: model trained here on train, the shipped file, and the full analyzer. */
export function nsmc(): Record<string, number> {
  const train = loadNsmc("train");
  const test = loadNsmc("test");
  const gold = test.map((e) => e.label);
  let model = undefined as ReturnType<typeof trainKoreanSentiment> | undefined;
  const trainSeconds = seconds(() => {
    model = trainKoreanSentiment(train);
  });
  const m = model;
  if (!m) throw new Error("training produced no model");
  const binary = (p: Float64Array): number => ((p[1] ?? 0) >= 0.5 ? 1 : 0);
  const out: Record<string, number> = {
    accuracy: pct(
      accuracy(
        gold,
        test.map((e) => binary(m.predict(e.text))),
      ),
    ),
    trainSeconds: Math.round(trainSeconds * 100) / 100,
  };
  const shipped = loadSentimentModelFile(KO_SENTIMENT_MODEL_URL);
  if (shipped)
    out.shippedModelAccuracy = pct(
      accuracy(
        gold,
        test.map((e) => binary(shipped.predict(e.text))),
      ),
    );
  const analyzer = createSentimentAnalyzer({ models: { en: null, ko: m } });
  out.analyzerAccuracy = pct(
    accuracy(
      gold,
      test.map((e) => (analyzer.analyze(e.text, "ko").score >= 0 ? 1 : 0)),
    ),
  );
  return out;
}

function argmax(p: Float64Array): number {
  let best = 0;
  for (let i = 1; i < p.length; i++) if ((p[i] ?? 0) > (p[best] ?? 0)) best = i;
  return best;
}
