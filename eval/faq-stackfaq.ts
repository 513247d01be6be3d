/**
 * StackFAQ (Karan & Šnajder 2018): 125 StackExchange threads, each with ~10 rephrasings of its
 * question. Every thread is a FAQ entry (its question and its answers, never the rephrasings);
 * rephrasings are the queries, each ranked against all 125 entries. Threads with an even
 * `faq_id` are for tuning, odd ones are reported (`test`). One relevant entry per query, so
 * MAP = mean reciprocal rank.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import MiniSearch from "minisearch";
import { z } from "zod";
import { createRanker, DEFAULT_RANKER, type EngineDoc, type RankerParams } from "../src/kb/engine/ranker.ts";
import { DATASETS_DIR, DatasetMissingError } from "./datasets.ts";

const threadSchema = z.object({
  faq_id: z.number().int(),
  question: z.string(),
  answers: z.array(z.string()),
  rephrasings: z.array(z.string()),
});
type Thread = z.infer<typeof threadSchema>;

export function loadStackFaq(): Thread[] {
  const path = join(DATASETS_DIR, "stackfaq", "stackfaq.jsonl");
  if (!existsSync(path)) throw new DatasetMissingError(path);
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => threadSchema.parse(JSON.parse(line)));
}

interface Split {
  map: number;
  hit1: number;
  queries: number;
}

function summarise(ranks: number[]): Split {
  const map = ranks.reduce((sum, rank) => sum + 1 / rank, 0) / Math.max(1, ranks.length);
  const hit1 = ranks.filter((rank) => rank === 1).length / Math.max(1, ranks.length);
  return { map: round(map), hit1: round(hit1), queries: ranks.length };
}

const round = (x: number): number => Math.round(x * 10000) / 10000;

function rankOf(scores: ArrayLike<number>, gold: number): number {
  const target = scores[gold] ?? 0;
  let rank = 1;
  for (let i = 0; i < scores.length; i++) if (i !== gold && (scores[i] ?? 0) >= target) rank++;
  return rank;
}

/** MAP and hit@1 of the engine's ranker on the tuning (even) and test (odd) threads. */
export function stackFaqRanks(threads: readonly Thread[], params: RankerParams = DEFAULT_RANKER) {
  const docs: EngineDoc[] = threads.map((t) => ({
    id: String(t.faq_id),
    questions: [t.question],
    answers: t.answers,
  }));
  const ranker = createRanker(docs, params);
  const tune: number[] = [];
  const test: number[] = [];
  threads.forEach((thread, gold) => {
    for (const query of thread.rephrasings) {
      const rank = rankOf(ranker.rank(query).fused, gold);
      (thread.faq_id % 2 === 0 ? tune : test).push(rank);
    }
  });
  return { tune: summarise(tune), test: summarise(test) };
}

/** The same protocol with MiniSearch's BM25 over question + answers (the peer). */
export function stackFaqPeer(threads: readonly Thread[]): Split {
  const search = new MiniSearch<{ id: number; question: string; answers: string }>({
    fields: ["question", "answers"],
  });
  search.addAll(threads.map((t, id) => ({ id, question: t.question, answers: t.answers.join("\n") })));
  const ranks: number[] = [];
  threads.forEach((thread, gold) => {
    if (thread.faq_id % 2 === 0) return;
    for (const query of thread.rephrasings) {
      const hits = search.search(query, { combineWith: "OR" });
      const index = hits.findIndex((hit) => hit.id === gold);
      ranks.push(index < 0 ? threads.length : index + 1);
    }
  });
  return summarise(ranks);
}

/** The eval section: `stackfaq.test.map`, `stackfaq.test.hit1`, `stackfaq.peerBm25.map`. */
export function stackFaq(): Record<string, unknown> {
  const threads = loadStackFaq();
  const ours = stackFaqRanks(threads);
  return { tune: ours.tune, test: ours.test, peerBm25: stackFaqPeer(threads), threads: threads.length };
}
