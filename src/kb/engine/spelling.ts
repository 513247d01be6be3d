/**
 * Spelling correction from the KB's own vocabulary ("chnage my emial" → change, email): a word the
 * index does not know is matched to known words within one edit (two for long words) through a
 * deletion index, SymSpell-style, so a lookup costs a few map reads instead of a vocabulary scan.
 *
 * A word outside the KB is often a real word about something else ("Steam" is not "team", "Gmail"
 * is not "email"), so corrections keep to what typing slips do: the first letter stays (people
 * seldom mistype it, and a changed first letter usually makes another word), and short words get
 * one edit only. Names the customer capitalised are left alone by the caller ({@link properNouns}).
 */

export interface SpellingCorrector {
  /** The known words closest to `word` (best first), or none when it is known or too far. */
  correct(word: string): string[];
}

function deletions(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/** Optimal string alignment distance (Damerau–Levenshtein with adjacent transpositions). */
function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array(rows * cols).fill(0);
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(
        (d[(i - 1) * cols + j] ?? 0) + 1,
        (d[i * cols + j - 1] ?? 0) + 1,
        (d[(i - 1) * cols + j - 1] ?? 0) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, (d[(i - 2) * cols + j - 2] ?? 0) + 1);
      d[i * cols + j] = best;
    }
  }
  return d[rows * cols - 1] ?? 0;
}

/** A "word" longer than this is a paste or a key held down, not a typo (and costs length² to correct). */
const MAX_TYPO_LENGTH = 30;

/** Builds a corrector over `vocabulary` (lower-case words with their frequency). */
export function createSpellingCorrector(vocabulary: ReadonlyMap<string, number>): SpellingCorrector {
  const byDeletion = new Map<string, string[]>();
  const add = (key: string, word: string): void => {
    const list = byDeletion.get(key);
    if (!list) byDeletion.set(key, [word]);
    else if (!list.includes(word)) list.push(word);
  };
  for (const word of vocabulary.keys()) {
    if (word.length < 4 || /\d/.test(word)) continue;
    add(word, word);
    for (const deleted of deletions(word)) add(deleted, word);
  }
  return {
    correct(word) {
      if (word.length < 4 || word.length > MAX_TYPO_LENGTH || vocabulary.has(word) || /\d/.test(word))
        return [];
      const maxDistance = word.length >= 8 ? 2 : 1;
      const found = new Set<string>();
      for (const key of [word, ...deletions(word)])
        for (const hit of byDeletion.get(key) ?? []) found.add(hit);
      const scored = [...found]
        .map((candidate) => ({ candidate, distance: editDistance(word, candidate) }))
        .filter(({ candidate, distance }) => distance <= maxDistance && candidate[0] === word[0])
        .sort(
          (a, b) =>
            a.distance - b.distance ||
            (vocabulary.get(b.candidate) ?? 0) - (vocabulary.get(a.candidate) ?? 0),
        );
      const best = scored[0]?.distance;
      return scored.filter(({ distance }) => distance === best).map(({ candidate }) => candidate);
    },
  };
}
