/**
 * Fits the FAQ confidence prior (src/kb/engine/confidence-prior.ts) on development paraphrase sets:
 * every single message is read by its KB's engine (without a prior), and a logistic model learns
 * from the ranking's shape whether the entry ranked first is the one the message wants. Off-topic
 * messages are never right. The held-out sets (`eval/paraphrases/`) are never read here.
 */
import { execFileSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { PROJECT_ROOT } from "../src/app/config.ts";
import { type CalibrationSample, fitConfidenceModel } from "../src/kb/engine/calibration.ts";
import { createFaqEngine } from "../src/kb/engine/faq-engine.ts";
import { loadKnowledgeBase } from "../src/kb/load-kb.ts";
import { DatasetMissingError } from "./datasets.ts";
import { readSet, resolveKb } from "./faq-paraphrases.ts";

export const CONFIDENCE_PRIOR_URL = new URL("../src/kb/engine/confidence-prior.ts", import.meta.url);

/** The development sets the prior is fitted on (never `eval/paraphrases`). */
export const PRIOR_SET_DIRS = ["eval/dev", "eval/dev2"] as const;

export interface PriorTraining {
  weights: number[];
  sets: string[];
  messages: number;
  rightFirst: number;
  offTopic: number;
}

export function trainConfidencePrior(dirs: readonly string[] = PRIOR_SET_DIRS): PriorTraining {
  const samples: CalibrationSample[] = [];
  const sets: string[] = [];
  let offTopic = 0;
  for (const dir of dirs)
    for (const name of ["demo-kb", "promptmart-kb"]) {
      const file = resolve(PROJECT_ROOT, dir, `${name}.yaml`);
      if (!existsSync(file)) continue;
      const set = readSet(file);
      const engine = createFaqEngine(loadKnowledgeBase(resolveKb(set.kb)), { prior: null });
      sets.push(`${dir}/${name}.yaml`);
      for (const item of set.items) {
        const { features, top } = engine.confidenceInput(item.text);
        if (item.expect === null) offTopic++;
        samples.push({
          features,
          right: item.expect !== null && top === item.expect,
          offered: false,
          offTopic: item.expect === null,
        });
      }
    }
  if (samples.length === 0) throw new DatasetMissingError(dirs.join(", "));
  return {
    weights: fitConfidenceModel(samples).map((w) => Math.round(w * 1e4) / 1e4),
    sets,
    messages: samples.length,
    rightFirst: samples.filter((sample) => sample.right).length,
    offTopic,
  };
}

/** Writes the prior as a TypeScript module (it is tiny, and typed where it is used). */
export function writeConfidencePrior(training: PriorTraining): void {
  const source = `/**
 * The FAQ confidence prior: logistic weights over {@link rankingFeatures}, fitted by
 * \`npm run train -- --only faq\` (eval/faq-prior-training.ts) on development paraphrase sets,
 * customers' own wording, never the held-out sets. Generated: change the training, not this file.
 *
 * Fitted on ${training.messages} messages (${training.rightFirst} with the right entry ranked first, ${training.offTopic} off-topic):
${training.sets.map((set) => ` * - ${set}`).join("\n")}
 */
import type { ConfidencePrior } from "./calibration.ts";

export const CONFIDENCE_PRIOR: ConfidencePrior | undefined = [${training.weights.join(", ")}];
`;
  const path = fileURLToPath(CONFIDENCE_PRIOR_URL);
  writeFileSync(path, source);
  // Laid out as the formatter would, so a retrain that changes nothing leaves the tree clean.
  execFileSync("npx", ["biome", "format", "--write", path], { cwd: PROJECT_ROOT, stdio: "ignore" });
}
