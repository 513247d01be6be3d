import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DATASETS_DIR, loadNsmc } from "../../eval/datasets.ts";
import { linearSentimentModelFromJSON } from "../../src/understanding/sentiment/linear-sentiment-model.ts";
import { createSentimentAnalyzer } from "../../src/understanding/sentiment/sentiment-analyzer.ts";

// The only test that reads ../shared/datasets; it skips (with the reason printed) when they are absent.
const nsmcPath = join(DATASETS_DIR, "ko_nsmc_rebuilt", "test.tsv");
const present = existsSync(nsmcPath);
if (!present) console.warn(`skipping dataset smoke test: ${nsmcPath} not found`);

describe.skipIf(!present)("shipped Korean model on ko_nsmc_rebuilt (smoke)", () => {
  it("scores well on the first 1,000 test reviews", () => {
    const analyzer = createSentimentAnalyzer({ models: { en: null } });
    expect(analyzer.models.ko).toBe(true);
    const test = loadNsmc("test").slice(0, 1000);
    let hits = 0;
    for (const e of test) if ((analyzer.analyze(e.text, "ko").score >= 0 ? 1 : 0) === e.label) hits++;
    expect(hits / test.length).toBeGreaterThan(0.78);
  });
});

describe("model file parsing", () => {
  it("rejects garbage with a schema error", () => {
    expect(() => linearSentimentModelFromJSON({ kind: "switchboard-sentiment-model" })).toThrow();
  });
});
