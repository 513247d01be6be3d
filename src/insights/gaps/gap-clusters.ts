import { createHash } from "node:crypto";
import { z } from "zod";
import { analyze } from "../../kb/engine/analyze.ts";
import type { KnowledgeSnapshot } from "../../kb/knowledge-service.ts";
import type { UnansweredRecord } from "../../kb/unanswered-log.ts";
import { maskPii } from "../../privacy/staff-mask.ts";
import { isGapNoise } from "./gap-noise.ts";

/** A group of unanswered questions that mean the same thing, as staff see it (personal data masked). */
export const gapClusterSchema = z.object({
  /** Stable for the same member questions. */
  id: z.string(),
  /** Askings in the group. */
  count: z.number().int().positive(),
  /** Of `count`, askings the bot answered with a choice of entries (the rest it could not answer). */
  clarified: z.number().int().min(0),
  languages: z.array(z.string()),
  /** The group's wordings, most asked first (masked): examples to read, questions to add. */
  questions: z.array(z.object({ text: z.string(), language: z.string(), count: z.number() })),
  /** The existing entry closest to the group's most asked wording, by the FAQ engine. */
  closest: z.object({ entryId: z.string(), title: z.string(), score: z.number() }).optional(),
  lastAt: z.number(),
});
export type GapCluster = z.infer<typeof gapClusterSchema>;

/** Average similarity two groups need to merge (cosine of TF-IDF term vectors). */
const MERGE_AT = 0.3;
/** Hangul bigrams match Korean wording that inflects differently; words count more. */
const BIGRAM_WEIGHT = 0.5;
const MAX_QUESTIONS = 400;

type Vector = Map<string, number>;

function termsOf(text: string): Map<string, number> {
  const terms = new Map<string, number>();
  for (const token of analyze(text)) {
    if (token.kind === "p") continue;
    const weight = token.kind === "h" ? BIGRAM_WEIGHT : 1;
    terms.set(token.term, (terms.get(token.term) ?? 0) + weight);
  }
  return terms;
}

function cosine(a: Vector, b: Vector): number {
  let dot = 0;
  for (const [term, value] of a) dot += value * (b.get(term) ?? 0);
  return dot;
}

/**
 * Groups unanswered and clarified questions by meaning with the FAQ engine's text features (its
 * analyser: English stems, Korean stems and bigrams, personal data as placeholders): TF-IDF
 * vectors, IDF from the questions and the KB's own questions, merged average-link while groups are
 * at least {@link MERGE_AT} alike. Noise (acknowledgements, greetings, one-word non-questions) is
 * left out; examples are masked for staff.
 */
export function clusterGaps(
  records: readonly UnansweredRecord[],
  knowledge: KnowledgeSnapshot,
): GapCluster[] {
  const kept = records.filter((record) => !isGapNoise(record.text)).slice(0, MAX_QUESTIONS);
  const termSets = kept.map((record) => termsOf(record.text));
  const kbQuestions = knowledge.kb.entries.flatMap((entry) => Object.values(entry.questions).flat());
  const documentFrequency = new Map<string, number>();
  const countDocument = (terms: Iterable<string>) => {
    for (const term of new Set(terms)) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
  };
  for (const terms of termSets) countDocument(terms.keys());
  for (const question of kbQuestions) countDocument(termsOf(question).keys());
  const documents = termSets.length + kbQuestions.length;
  const vectors: Vector[] = termSets.map((terms) => {
    const vector: Vector = new Map();
    let norm = 0;
    for (const [term, tf] of terms) {
      const weight = tf * Math.log(1 + documents / (documentFrequency.get(term) ?? 1));
      vector.set(term, weight);
      norm += weight * weight;
    }
    for (const [term, weight] of vector) vector.set(term, weight / (Math.sqrt(norm) || 1));
    return vector;
  });

  // Average-link agglomeration on the pairwise similarities (a few hundred questions at most).
  const n = kept.length;
  const similarity = vectors.map((a) => vectors.map((b) => cosine(a, b)));
  let groups = kept.map((_, i) => [i]);
  for (;;) {
    let best = { score: MERGE_AT, a: -1, b: -1 };
    for (let a = 0; a < groups.length; a++) {
      for (let b = a + 1; b < groups.length; b++) {
        let sum = 0;
        for (const i of groups[a] as number[])
          for (const j of groups[b] as number[]) sum += similarity[i]?.[j] ?? 0;
        const average = sum / ((groups[a] as number[]).length * (groups[b] as number[]).length);
        if (average >= best.score) best = { score: average, a, b };
      }
    }
    if (best.a < 0) break;
    const merged = [...(groups[best.a] as number[]), ...(groups[best.b] as number[])];
    groups = groups.filter((_, index) => index !== best.a && index !== best.b);
    groups.push(merged);
  }
  if (n === 0) return [];

  return groups
    .map((members) => {
      const asked = members
        .map((i) => kept[i] as UnansweredRecord)
        .sort((a, b) => b.count - a.count || b.lastAt - a.lastAt || a.text.localeCompare(b.text));
      const top = asked[0] as UnansweredRecord;
      const found = knowledge.engine.search(top.text, { language: top.language }).candidates[0];
      const entry = found ? knowledge.entry(found.entryId) : undefined;
      const title = entry
        ? ((entry.questions[top.language] ?? entry.questions[knowledge.kb.defaultLocale] ?? [])[0] ??
          entry.id)
        : undefined;
      const id = createHash("sha256")
        .update(
          asked
            .map((record) => record.text)
            .sort()
            .join("\n"),
        )
        .digest("base64url")
        .slice(0, 12);
      return {
        id,
        count: asked.reduce((sum, record) => sum + record.count, 0),
        clarified: asked.reduce((sum, record) => sum + record.clarified, 0),
        languages: [...new Set(asked.map((record) => record.language))].sort(),
        questions: asked.map((record) => ({
          text: maskPii(record.text),
          language: record.language,
          count: record.count,
        })),
        ...(found && entry && title !== undefined
          ? {
              closest: {
                entryId: entry.id,
                title: maskPii(title),
                score: Math.round(found.score * 1000) / 1000,
              },
            }
          : {}),
        lastAt: Math.max(...asked.map((record) => record.lastAt)),
      };
    })
    .sort((a, b) => b.count - a.count || b.lastAt - a.lastAt || a.id.localeCompare(b.id));
}
