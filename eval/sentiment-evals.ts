import {
  EN_SENTIMENT_MODEL_URL,
  KO_SENTIMENT_MODEL_URL,
  loadSentimentModelFile,
} from "../src/understanding/sentiment/bundled-models.ts";
import { englishDenseFeatures } from "../src/understanding/sentiment/english-features.ts";
import { createSentimentAnalyzer } from "../src/understanding/sentiment/sentiment-analyzer.ts";
import { loadNsmc, loadTweetEval } from "./datasets.ts";
import { accuracy, pct, seconds } from "./metrics.ts";
import { createAfinn } from "./peers.ts";
import { macroRecall, trainEnglishSentiment, trainKoreanSentiment } from "./sentiment-training.ts";

const LABEL_INDEX = { negative: 0, neutral: 1, positive: 2 } as const;

/**
 * TweetEval sentiment test, macro-averaged recall: the shipped lexicon path (no model), the model
 * trained here on the 2,000 val tweets (val is the only labelled text we have), and AFINN.
 */
export async function tweetEvalSentiment(): Promise<Record<string, number>> {
  const val = loadTweetEval("sentiment", "val");
  const test = loadTweetEval("sentiment", "test");
  const gold = test.map((e) => e.label);
  const lexicon = createSentimentAnalyzer({ models: { en: null, ko: null } });
  const lexiconPred = test.map((e) => LABEL_INDEX[lexicon.analyze(e.text, "en").label]);
  let model = undefined as ReturnType<typeof trainEnglishSentiment> | undefined;
  const trainSeconds = seconds(() => {
    model = trainEnglishSentiment(val);
  });
  const m = model;
  if (!m) throw new Error("training produced no model");
  const withModel = createSentimentAnalyzer({ models: { en: m, ko: null } });
  const modelPred = test.map((e) => LABEL_INDEX[withModel.analyze(e.text, "en").label]);
  const rawModelPred = test.map((e) => argmax(m.predict(e.text, englishDenseFeatures(e.text))));
  const afinn = await createAfinn();
  const afinnPred = test.map((e) => afinn(e.text));
  const afinnRecall = macroRecall(gold, afinnPred);
  const modelRecall = macroRecall(gold, modelPred);
  return {
    macroRecallLexiconOnly: pct(macroRecall(gold, lexiconPred)),
    macroRecallWithModel: pct(modelRecall),
    macroRecallModelAlone: pct(macroRecall(gold, rawModelPred)),
    afinnMacroRecall: pct(afinnRecall),
    ratioToAfinn: Math.round((modelRecall / afinnRecall) * 1000) / 1000,
    modelTrainSeconds: Math.round(trainSeconds * 100) / 100,
    localModelFilePresent: loadSentimentModelFile(EN_SENTIMENT_MODEL_URL) ? 1 : 0,
  };
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
