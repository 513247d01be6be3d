/**
 * FAQ answering on customers' own words, through the decision the bot uses: held-out paraphrase
 * sets (`eval/paraphrases/`, reporting only) or the development sets (`eval/dev/`, for tuning).
 * Reports, per KB and language, answered right / within one click (answered right, or the right
 * entry among the clarify options) / answered wrong, and off-topic messages answered.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { z } from "zod";
import { PROJECT_ROOT } from "../src/app/config.ts";
import { createFaqEngine, faqEngineFor } from "../src/kb/engine/faq-engine.ts";
import { loadKnowledgeBase } from "../src/kb/load-kb.ts";
import type { KnowledgeBase } from "../src/kb/schema.ts";
import { DatasetMissingError } from "./datasets.ts";

const itemSchema = z.object({ text: z.string(), lang: z.string(), expect: z.string().nullable() });
const setSchema = z.object({
  kb: z.string(),
  items: z.array(itemSchema).default([]),
  twoTurn: z
    .array(
      z.object({
        first: z.string(),
        // biome-ignore lint/suspicious/noThenProperty: the field name of the held-out files
        then: z.string(),
        lang: z.string(),
        expect: z.string(),
      }),
    )
    .default([]),
  multiQuestion: z
    .array(z.object({ text: z.string(), lang: z.string(), expect: z.array(z.string()) }))
    .default([]),
});
export type ParaphraseSet = z.infer<typeof setSchema>;

/** What the bot does with one message: the entry answered, and the entries offered. */
interface Outcome {
  answered?: string | undefined;
  offered: string[];
  /** Best entries by score, whatever the decision (ranking quality). */
  ranked?: string[];
}

type Decider = (text: string, language: string, previous?: string) => Outcome & { parts?: Outcome[] };

export function readSet(file: string): ParaphraseSet {
  if (!existsSync(file)) throw new DatasetMissingError(file);
  return setSchema.parse(parse(readFileSync(file, "utf8")));
}

export function resolveKb(relative: string): string {
  return join(PROJECT_ROOT, relative);
}

/** The engine, exactly as the FAQ flow calls it. */
function engineDecider(kb: KnowledgeBase): Decider {
  const engine = faqEngineFor(kb);
  const toOutcome = (result: ReturnType<typeof engine.search>): Outcome => ({
    answered: result.decision === "answer" ? result.candidates[0]?.entryId : undefined,
    offered: result.decision === "clarify" ? result.candidates.map((c) => c.entryId) : [],
    ranked: result.candidates.map((c) => c.entryId),
  });
  return (text, language, previous) => {
    const result = engine.search(text, { language, context: { previousEntryId: previous } });
    return { ...toOutcome(result), ...(result.parts ? { parts: result.parts.map(toOutcome) } : {}) };
  };
}

interface Tally {
  answerable: number;
  right: number;
  oneClick: number;
  wrong: number;
  offTopic: number;
  offTopicAnswered: number;
  rankedFirst: number;
}

const pct = (part: number, whole: number): number | null =>
  whole === 0 ? null : Math.round((1000 * part) / whole) / 10;

function report(t: Tally) {
  return {
    answerable: t.answerable,
    rightPct: pct(t.right, t.answerable),
    oneClickPct: pct(t.oneClick, t.answerable),
    wrongPct: pct(t.wrong, t.answerable),
    offTopic: t.offTopic,
    offTopicAnsweredPct: pct(t.offTopicAnswered, t.offTopic),
    rankedFirstPct: pct(t.rankedFirst, t.answerable),
  };
}

function emptyTally(): Tally {
  return { answerable: 0, right: 0, oneClick: 0, wrong: 0, offTopic: 0, offTopicAnswered: 0, rankedFirst: 0 };
}

function add(tally: Tally, expect: string | null, outcome: Outcome): void {
  if (expect === null) {
    tally.offTopic++;
    if (outcome.answered) tally.offTopicAnswered++;
    return;
  }
  tally.answerable++;
  if (outcome.ranked?.[0] === expect) tally.rankedFirst++;
  if (outcome.answered === expect) tally.right++;
  if (outcome.answered === expect || (!outcome.answered && outcome.offered.includes(expect)))
    tally.oneClick++;
  if (outcome.answered && outcome.answered !== expect) tally.wrong++;
}

/** Single messages of one set, per language and overall. */
function singleMessages(set: ParaphraseSet, decide: Decider) {
  const all = emptyTally();
  const byLanguage = new Map<string, Tally>();
  for (const item of set.items) {
    const outcome = decide(item.text, item.lang);
    add(all, item.expect, outcome);
    const tally = byLanguage.get(item.lang) ?? emptyTally();
    byLanguage.set(item.lang, tally);
    add(tally, item.expect, outcome);
  }
  return { all: report(all), ...Object.fromEntries([...byLanguage].map(([lang, t]) => [lang, report(t)])) };
}

/** Two-turn cases (the previous topic is the entry answered or first offered) and two-question messages. */
function conversations(set: ParaphraseSet, decide: Decider) {
  const twoTurn = emptyTally();
  for (const item of set.twoTurn) {
    const first = decide(item.first, item.lang);
    add(twoTurn, item.expect, decide(item.then, item.lang, first.answered ?? first.offered[0]));
  }
  let bothAnswered = 0;
  let bothOneClick = 0;
  let anyWrong = 0;
  for (const item of set.multiQuestion) {
    const outcome = decide(item.text, item.lang);
    const parts = outcome.parts ?? [outcome];
    const answered = new Set(parts.flatMap((p) => (p.answered ? [p.answered] : [])));
    const reachable = new Set([...answered, ...parts.flatMap((p) => (p.answered ? [] : p.offered))]);
    if (item.expect.every((id) => answered.has(id))) bothAnswered++;
    if (item.expect.every((id) => reachable.has(id))) bothOneClick++;
    if ([...answered].some((id) => !item.expect.includes(id))) anyWrong++;
  }
  const n = set.multiQuestion.length;
  return {
    twoTurn: report(twoTurn),
    multiQuestion: {
      messages: n,
      bothAnsweredPct: pct(bothAnswered, n),
      bothOneClickPct: pct(bothOneClick, n),
      anyWrongPct: pct(anyWrong, n),
    },
  };
}

/**
 * CPU microseconds per message of `decide` over `texts` (repeated to at least ~0.3 s of CPU): CPU
 * time, not wall time, so other jobs on a shared machine do not inflate it; the fastest of three
 * passes after a warm-up pass.
 */
function microsPerMessage(texts: readonly string[], decide: Decider): number {
  for (const text of texts) decide(text, "en");
  let best = Number.POSITIVE_INFINITY;
  for (let pass = 0; pass < 3; pass++) {
    let rounds = 0;
    const started = process.cpuUsage();
    let used = 0;
    while (used < 100_000 || rounds < 2) {
      for (const text of texts) decide(text, "en");
      rounds++;
      const delta = process.cpuUsage(started);
      used = delta.user + delta.system;
    }
    best = Math.min(best, used / (rounds * texts.length));
  }
  return Math.round(best);
}

/**
 * The eval section. `dir` is `eval/paraphrases` (held-out, reporting) or `eval/dev` (tuning).
 * Keys: `<kb>.engine.all.rightPct`, `<kb>.engine.en.oneClickPct`, `followups.engine.twoTurn…`.
 */
export function faqParaphrases(dir = join(PROJECT_ROOT, "eval", "paraphrases")): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const texts: string[] = [];
  for (const name of ["demo-kb", "promptmart-kb"]) {
    const file = join(dir, `${name}.yaml`);
    if (!existsSync(file)) continue;
    const set = readSet(file);
    const kb = loadKnowledgeBase(resolveKb(set.kb));
    const engine = engineDecider(kb);
    out[name] = {
      engine: singleMessages(set, engine),
      ...(set.twoTurn.length + set.multiQuestion.length > 0
        ? { conversations: { engine: conversations(set, engine) } }
        : {}),
    };
    texts.push(...set.items.map((item) => item.text));
  }
  const followups = join(dir, "followups.yaml");
  if (existsSync(followups)) {
    const set = readSet(followups);
    const kb = loadKnowledgeBase(resolveKb(set.kb));
    out.followups = { engine: conversations(set, engineDecider(kb)) };
  }
  const demo = loadKnowledgeBase(join(PROJECT_ROOT, "kb", "demo-kb.yaml"));
  const engineMicros = microsPerMessage(texts, engineDecider(demo));
  out.latency = {
    engineMicrosPerMessage: engineMicros,
    engineMessagesPerSecond: Math.round(1e6 / Math.max(1, engineMicros)),
  };
  // Building the engine (index, model, calibration) for the demo KB, CPU milliseconds, uncached.
  const buildStarted = process.cpuUsage();
  createFaqEngine(demo);
  const build = process.cpuUsage(buildStarted);
  out.demoKbBuildCpuMs = Math.round((build.user + build.system) / 1000);
  return out;
}
