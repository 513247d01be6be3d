import { extractHashedFeatures, type FeatureConfig } from "../features/hashing.ts";
import type { SparseVector } from "../features/sparse.ts";

/**
 * Maps a text to a fixed-size hashed vector (no vocabulary to ship): log term counts, word and
 * character blocks L2-normalised separately, then `dense` extra features appended after the hashed
 * part (indices `2^bits + i`).
 */
export function hashedVector(
  text: string,
  features: FeatureConfig,
  bits: number,
  dense: readonly number[] = [],
): SparseVector {
  const f = extractHashedFeatures(text, features);
  const mask = (1 << bits) - 1;
  const counts = new Map<number, number>();
  const idx: number[] = [];
  const val: number[] = [];
  const block = (hashes: Uint32Array, salt: number): void => {
    counts.clear();
    for (const h of hashes) {
      const j = (h ^ salt) & mask;
      counts.set(j, (counts.get(j) ?? 0) + 1);
    }
    let sumSq = 0;
    const start = val.length;
    for (const [j, c] of counts) {
      const v = 1 + Math.log(c);
      idx.push(j);
      val.push(v);
      sumSq += v * v;
    }
    const norm = Math.sqrt(sumSq);
    for (let i = start; i < val.length; i++) val[i] = (val[i] ?? 0) / (norm * Math.SQRT2);
  };
  block(f.wordHashes, 0);
  block(f.charHashes, 0x5f3759df);
  // Word and character blocks may hash to the same bucket: merge duplicates so indices stay distinct.
  const merged = new Map<number, number>();
  idx.forEach((j, i) => {
    merged.set(j, (merged.get(j) ?? 0) + (val[i] ?? 0));
  });
  dense.forEach((v, i) => {
    if (v !== 0) merged.set((1 << bits) + i, v);
  });
  return { indices: Int32Array.from(merged.keys()), values: Float32Array.from(merged.values()) };
}
