/**
 * `npm run eval` — measures the offline understanding models on the shared benchmarks, with peers
 * (nlp.js, AFINN) in the same run. `--json` prints one JSON object; `--quick` uses 2 seeds and
 * shorter timing loops; `--skip-peers` skips nlp.js (its training takes ~20 s).
 * Also reports, through the whole core, how often the optional LLM is called and what an answered
 * question costs in tokens, with the LLM off and on (against a local server).
 * Datasets are read from ../shared/datasets (or $SWITCHBOARD_DATASETS); missing ones are skipped.
 */
import { DATASETS_DIR, DatasetMissingError } from "./datasets.ts";
import { faqParaphrases } from "./faq-paraphrases.ts";
import { stackFaq } from "./faq-stackfaq.ts";
import { banking77KShot, clinc150 } from "./intent-evals.ts";
import { runIsolated } from "./isolated.ts";
import { llmOffOn } from "./llm-eval.ts";
import { nsmc, tweetEvalSentiment } from "./sentiment-evals.ts";

type Section = Record<string, unknown>;

const args = new Set(process.argv.slice(2));
const json = args.has("--json");
const quick = args.has("--quick");
const skipPeers = args.has("--skip-peers");
/** `--only faq` runs the FAQ sections alone (StackFAQ, held-out paraphrases). */
const only = process.argv[process.argv.indexOf("--only") + 1];
const log = (line: string): void => {
  if (!json) console.log(line);
};

async function section(name: string, run: () => Section | Promise<Section>): Promise<Section> {
  const started = performance.now();
  log(`… ${name}`);
  try {
    const result = await run();
    const seconds = Math.round((performance.now() - started) / 100) / 10;
    log(`  ${JSON.stringify(result)} (${seconds} s)`);
    return { ...result, sectionSeconds: seconds };
  } catch (error) {
    if (error instanceof DatasetMissingError) {
      log(`  skipped: ${error.message}`);
      return { skipped: error.message };
    }
    throw error;
  }
}

const ratio = (a: unknown, b: unknown): number | null =>
  typeof a === "number" && typeof b === "number" && b !== 0 ? Math.round((a / b) * 1000) / 1000 : null;

/** FAQ targets of issue 13, from the two FAQ sections (paraphrase figures pool both KBs). */
function faqTargetsOf(stack: Section, heldOut: Section): Record<string, unknown> {
  const test = stack.test as { map?: number } | undefined;
  const pooled = { answerable: 0, right: 0, oneClick: 0, wrong: 0, offTopic: 0, offTopicAnswered: 0 };
  for (const name of ["demo-kb", "promptmart-kb"]) {
    const all = (heldOut[name] as { engine?: { all?: Record<string, number> } } | undefined)?.engine?.all;
    if (!all) continue;
    const n = all.answerable ?? 0;
    const off = all.offTopic ?? 0;
    pooled.answerable += n;
    pooled.right += ((all.rightPct ?? 0) * n) / 100;
    pooled.oneClick += ((all.oneClickPct ?? 0) * n) / 100;
    pooled.wrong += ((all.wrongPct ?? 0) * n) / 100;
    pooled.offTopic += off;
    pooled.offTopicAnswered += ((all.offTopicAnsweredPct ?? 0) * off) / 100;
  }
  const pct = (part: number, whole: number): number | null =>
    whole === 0 ? null : Math.round((1000 * part) / whole) / 10;
  const latency = heldOut.latency as { engineMicrosPerMessage?: number } | undefined;
  return {
    stackfaqTestMap: { min: 0.87, aim: 0.92, value: test?.map ?? null },
    faqOneClickPct: { min: 85, aim: 95, value: pct(pooled.oneClick, pooled.answerable) },
    faqRightPct: { min: 50, aim: 80, value: pct(pooled.right, pooled.answerable) },
    faqWrongPct: { max: 3, aim: 1, value: pct(pooled.wrong, pooled.answerable) },
    faqOffTopicAnsweredPct: { max: 5, aim: 0, value: pct(pooled.offTopicAnswered, pooled.offTopic) },
    faqMillisPerMessage: {
      max: 0.5,
      value: latency?.engineMicrosPerMessage ? latency.engineMicrosPerMessage / 1000 : null,
    },
  };
}

const started = performance.now();
log(`datasets: ${DATASETS_DIR}${quick ? " (quick mode)" : ""}`);
const stackfaq = await section("stackfaq (FAQ engine vs MiniSearch BM25, odd threads)", () => stackFaq());
const faqHeldOut = await section("faq paraphrases (held-out)", () => faqParaphrases());
const faqTargets = faqTargetsOf(stackfaq, faqHeldOut);
if (process.argv.includes("--only") && only === "faq") {
  const faqOnly = { stackfaq, faqParaphrases: faqHeldOut, targets: faqTargets };
  console.log(json ? JSON.stringify(faqOnly) : JSON.stringify(faqTargets, null, 2));
  process.exit(0);
}
const seeds = quick ? [1, 2] : [1, 2, 3, 4, 5];
const b77 = await section("banking77 full (own process)", () => runIsolated("banking77Full", quick));
const b77shot = await section(`banking77 10-shot, seeds ${seeds.join(",")}`, () => banking77KShot(10, seeds));
const nlpjs = skipPeers
  ? { skipped: "--skip-peers" }
  : await section("peer: nlp.js on banking77 full (own process)", () => runIsolated("nlpJsBanking77", quick));
const clinc = await section("clinc150", () => clinc150());
const tweet = await section("tweeteval sentiment", () => tweetEvalSentiment());
const ko = await section("ko_nsmc_rebuilt", () => nsmc());
const llm = await section("LLM off vs on (local OpenAI-compatible server, fixture questions)", () =>
  llmOffOn(),
);

const result = {
  datasets: DATASETS_DIR,
  mode: quick ? "quick" : "full",
  banking77: {
    full: b77,
    tenShot: b77shot,
    peerNlpJs: nlpjs,
    ratioAccuracyToNlpJs: ratio(b77.accuracy, nlpjs.accuracy),
    ratioThroughputToNlpJs: ratio(b77.classificationsPerSecond, nlpjs.classificationsPerSecond),
  },
  clinc150: clinc,
  tweetevalSentiment: tweet,
  koNsmcRebuilt: ko,
  llm,
  stackfaq,
  faqParaphrases: faqHeldOut,
  targets: {
    ...faqTargets,
    banking77Full: { min: 91.5, aim: 93.7, value: b77.accuracy },
    banking77TenShot: { min: 75, aim: 85, value: b77shot.meanAccuracy },
    clincInScope: { min: 91, value: clinc.inScopeAccuracy },
    clincOosRecall: { min: 65, value: clinc.oosRecall },
    tweetevalMacroRecall: { min: 60, aim: 70, value: tweet.macroRecallAsShipped },
    nsmcAccuracy: { min: 85, aim: 89, value: ko.accuracy },
    throughputRatioToNlpJs: {
      min: 3,
      aim: 10,
      value: ratio(b77.classificationsPerSecond, nlpjs.classificationsPerSecond),
    },
  },
  totalSeconds: Math.round((performance.now() - started) / 1000),
};

if (json) console.log(JSON.stringify(result));
else {
  console.log("\ntargets (value vs min/aim):");
  for (const [name, t] of Object.entries(result.targets))
    console.log(`  ${name.padEnd(24)} ${JSON.stringify(t)}`);
  console.log(`total ${result.totalSeconds} s`);
}
