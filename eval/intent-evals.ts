import type { IntentExample } from "../src/model/understanding.ts";
import { createIntentClassifier } from "../src/understanding/intent/intent-classifier.ts";
import { createRandom } from "../src/understanding/intent/random.ts";
import { type Labelled, loadBanking77, loadClinc150 } from "./datasets.ts";
import {
  accuracy,
  expectedCalibrationError,
  mean,
  pct,
  sampleKShot,
  seconds,
  std,
  throughput,
  throughputAsync,
} from "./metrics.ts";
import { trainNlpJs } from "./peers.ts";

const asExamples = (items: readonly Labelled[]): IntentExample[] =>
  items.map((e) => ({ intent: e.label, text: e.text }));

/** Banking77 with all of train: accuracy on test, training time and single-core throughput. */
export function banking77Full(quick: boolean): Record<string, number> {
  const train = loadBanking77("train");
  const test = loadBanking77("test");
  const classifier = createIntentClassifier({ outOfScopeThreshold: 0 });
  let model = undefined as ReturnType<typeof classifier.train> | undefined;
  const trainSeconds = seconds(() => {
    model = classifier.train(asExamples(train));
  });
  if (!model) throw new Error("training produced no model");
  const m = model;
  const results = test.map((e) => m.classify(e.text));
  const predicted = results.map((r) => r.name);
  const ece = expectedCalibrationError(
    results.map((r) => r.confidence),
    results.map((r, i) => r.name === test[i]?.label),
  );
  const perSecond = throughput(
    test.map((e) => e.text),
    (t) => m.classify(t),
    quick ? 1 : 3,
  );
  return {
    accuracy: pct(
      accuracy(
        test.map((e) => e.label),
        predicted,
      ),
    ),
    trainSeconds: round(trainSeconds),
    classificationsPerSecond: Math.round(perSecond),
    temperature: round(m.temperature),
    expectedCalibrationError: round(ece),
  };
}

/** Banking77 k-shot: k examples per label sampled from train with fixed seeds; mean and std. */
export function banking77KShot(k: number, seeds: readonly number[]): Record<string, number | number[]> {
  const train = loadBanking77("train");
  const test = loadBanking77("test");
  const accs: number[] = [];
  const times: number[] = [];
  const eces: number[] = [];
  for (const seed of seeds) {
    const sample = sampleKShot(train, k, createRandom(seed));
    let model = undefined as ReturnType<ReturnType<typeof createIntentClassifier>["train"]> | undefined;
    times.push(
      seconds(() => {
        model = createIntentClassifier({ outOfScopeThreshold: 0 }).train(asExamples(sample));
      }),
    );
    const m = model;
    if (!m) throw new Error("training produced no model");
    const results = test.map((e) => m.classify(e.text));
    accs.push(
      accuracy(
        test.map((e) => e.label),
        results.map((r) => r.name),
      ),
    );
    eces.push(
      expectedCalibrationError(
        results.map((r) => r.confidence),
        results.map((r, i) => r.name === test[i]?.label),
      ),
    );
  }
  return {
    meanAccuracy: pct(mean(accs)),
    stdAccuracy: pct(std(accs)),
    perSeed: accs.map(pct),
    meanTrainSeconds: round(mean(times)),
    meanExpectedCalibrationError: round(mean(eces)),
  };
}

/** nlp.js (NluNeural) on Banking77 full: accuracy, training time, throughput. */
export async function nlpJsBanking77(quick: boolean): Promise<Record<string, number>> {
  const train = loadBanking77("train");
  const test = loadBanking77("test");
  const started = performance.now();
  const peer = await trainNlpJs(train);
  const trainSeconds = (performance.now() - started) / 1000;
  const predicted: string[] = [];
  for (const e of test) predicted.push(await peer.classify(e.text));
  const perSecond = await throughputAsync(
    test.map((e) => e.text),
    (t) => peer.classify(t),
    quick ? 1 : 3,
  );
  return {
    accuracy: pct(
      accuracy(
        test.map((e) => e.label),
        predicted,
      ),
    ),
    trainSeconds: round(trainSeconds),
    classificationsPerSecond: Math.round(perSecond),
  };
}

/**
 * CLINC150 (data_full): train on train + oos_train (an explicit "oos" class), then pick the
 * out-of-scope threshold on val only: the threshold that maximises (in-scope accuracy + OOS recall)/2
 * among those costing at most 1.5 points of val in-scope accuracy. Test is read once, at the end.
 */
export function clinc150(): Record<string, number> {
  const d = loadClinc150();
  const model = createIntentClassifier({ outOfScopeThreshold: 0 }).train(
    asExamples([...d.train, ...d.oos_train]),
  );
  // Each text is classified once; thresholds are then applied to the cached verdicts.
  const verdicts = (items: readonly Labelled[]) =>
    items.map((e) => {
      const r = model.classify(e.text, { outOfScopeThreshold: 0 });
      return {
        gold: e.label,
        name: r.outOfScope ? "oos" : r.name,
        confidence: r.outOfScope ? 0 : r.confidence,
      };
    });
  const val = { inScope: verdicts(d.val), oos: verdicts(d.oos_val) };
  const test = { inScope: verdicts(d.test), oos: verdicts(d.oos_test) };
  type Verdicts = typeof val;
  const rates = (v: Verdicts, threshold: number) => ({
    inScope:
      v.inScope.filter((x) => x.name === x.gold && x.confidence >= threshold).length / v.inScope.length,
    oosRecall: v.oos.filter((x) => x.confidence < threshold).length / v.oos.length,
  });
  const base = rates(val, 0).inScope;
  let best = { threshold: 0, objective: -1, inScope: base, oosRecall: 0 };
  for (let t = 0; t <= 0.95; t += 0.01) {
    const r = rates(val, t);
    const objective = (r.inScope + r.oosRecall) / 2;
    if (r.inScope >= base - 0.015 && objective > best.objective) best = { threshold: t, objective, ...r };
  }
  const onTest = rates(test, best.threshold);
  const noThreshold = rates(test, 0);
  return {
    threshold: round(best.threshold),
    valInScopeAccuracy: pct(best.inScope),
    valOosRecall: pct(best.oosRecall),
    inScopeAccuracy: pct(onTest.inScope),
    oosRecall: pct(onTest.oosRecall),
    inScopeAccuracyWithoutThreshold: pct(noThreshold.inScope),
    oosRecallWithoutThreshold: pct(noThreshold.oosRecall),
  };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
