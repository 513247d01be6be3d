import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DatasetMissingError } from "../../eval/datasets.ts";
import { trainConfidencePrior } from "../../eval/faq-prior-training.ts";
import { PROJECT_ROOT } from "../../src/app/config.ts";
import { createFaqEngine } from "../../src/kb/engine/faq-engine.ts";
import { loadKnowledgeBase } from "../../src/kb/load-kb.ts";

const dir = mkdtempSync(join(tmpdir(), "faq-prior-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("FAQ confidence prior training", () => {
  it("fits one weight per confidence feature on a development set, and right matches score above off-topic ones", () => {
    const items = [
      ["how do I reset my password", "en", "password-reset"],
      ["I forgot my login password", "en", "password-reset"],
      ["can I get my money back", "en", "refund-policy"],
      ["do you take paypal", "en", "payment-methods"],
      ["비밀번호를 잊어버렸어요", "ko", "password-reset"],
      ["환불 받을 수 있나요", "ko", "refund-policy"],
      ["what's the capital of France", "en", null],
      ["recommend me a movie", "en", null],
      ["오늘 날씨 어때요", "ko", null],
      ["점심 뭐 먹지", "ko", null],
    ] as const;
    const yaml = [
      "kb: kb/demo-kb.yaml",
      "items:",
      ...items.map(
        ([text, lang, expect]) => `  - { text: "${text}", lang: ${lang}, expect: ${expect ?? "null"} }`,
      ),
    ].join("\n");
    writeFileSync(join(dir, "demo-kb.yaml"), yaml);
    const training = trainConfidencePrior([dir]);
    expect(training).toMatchObject({ messages: items.length, offTopic: 4 });
    const engine = createFaqEngine(loadKnowledgeBase(join(PROJECT_ROOT, "kb", "demo-kb.yaml")), {
      prior: null,
    });
    const score = (text: string) =>
      engine.confidenceInput(text).features.reduce((z, x, d) => z + x * (training.weights[d] ?? 0), 0);
    expect(training.weights).toHaveLength(engine.confidenceInput("x").features.length);
    expect(score("how do I reset my password")).toBeGreaterThan(score("recommend me a movie"));
  });

  it("says which sets are missing instead of fitting on nothing", () => {
    expect(() => trainConfidencePrior([join(dir, "absent")])).toThrow(DatasetMissingError);
  });
});
