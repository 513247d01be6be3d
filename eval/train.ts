/**
 * `npm run train`: rebuilds the sentiment models from ../shared/datasets.
 * - src/understanding/models/ko-sentiment.json.gz (shipped; ko_nsmc_rebuilt is CC0)
 * - src/understanding/models/en-sentiment.json.gz (shipped; TweetEval sentiment val, see models/PROVENANCE.md)
 * - src/kb/engine/confidence-prior.ts (the FAQ confidence prior, from eval/dev*; see faq-prior-training.ts)
 * Options: `--only ko`, `--only en` or `--only faq`; `--faq-sets eval/dev,…` (default eval/dev, eval/dev2).
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import {
  EN_SENTIMENT_MODEL_URL,
  KO_SENTIMENT_MODEL_URL,
} from "../src/understanding/sentiment/bundled-models.ts";
import { DatasetMissingError, loadNsmc, loadTweetEval } from "./datasets.ts";
import { trainConfidencePrior, writeConfidencePrior } from "./faq-prior-training.ts";
import { trainEnglishSentiment, trainKoreanSentiment } from "./sentiment-training.ts";

const onlyAt = process.argv.indexOf("--only");
const only = onlyAt >= 0 ? process.argv[onlyAt + 1] : undefined;

function save(url: URL, json: unknown): void {
  const path = fileURLToPath(url);
  const bytes = gzipSync(`${JSON.stringify(json)}\n`, { level: 9 });
  writeFileSync(path, bytes);
  console.log(`wrote ${path} (${(bytes.length / 1e6).toFixed(2)} MB gzipped)`);
}

function step(name: string, run: () => void): void {
  if (only && only !== name) return;
  const started = performance.now();
  try {
    run();
    console.log(`${name}: trained in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } catch (error) {
    if (error instanceof DatasetMissingError) console.log(`${name}: skipped — ${error.message}`);
    else throw error;
  }
}

step("ko", () => save(KO_SENTIMENT_MODEL_URL, trainKoreanSentiment(loadNsmc("train")).toJSON()));
step("en", () =>
  save(EN_SENTIMENT_MODEL_URL, trainEnglishSentiment(loadTweetEval("sentiment", "val")).toJSON()),
);
const setsAt = process.argv.indexOf("--faq-sets");
const faqSets = setsAt >= 0 ? process.argv[setsAt + 1]?.split(",") : undefined;

step("faq", () => {
  const training = trainConfidencePrior(faqSets);
  writeConfidencePrior(training);
  console.log(`faq: confidence prior fitted on ${training.messages} messages (${training.sets.join(", ")})`);
});
