import { z } from "zod";
import { decodeFloat32, decodeUint32, encodeTyped } from "../features/codec.ts";
import type { SparseVector } from "../features/sparse.ts";
import type { LinearModel } from "./softmax-regression.ts";

/**
 * Class weights stored per feature as a sparse row (CSR). Softmax is unchanged when a constant is
 * added to every class's weight for one feature, so each row is first centred on its median: the many
 * near-equal "not this class" weights become ~0 and can be dropped. On Banking77 this keeps about a
 * third of the weights with the same accuracy, and scoring gets cheaper by as much.
 */
export interface SparseWeights {
  readonly dim: number;
  readonly classes: number;
  /** Row f's entries are `[rowStart[f], rowStart[f + 1])`. */
  readonly rowStart: Uint32Array;
  readonly classIndex: Uint32Array;
  readonly values: Float32Array;
  readonly bias: Float32Array;
}

/** Centres each feature row on its median and keeps entries with |w| ≥ `pruneBelow`. */
export function sparsifyWeights(model: LinearModel, pruneBelow: number): SparseWeights {
  const { dim, classes: k, weights } = model;
  const rowStart = new Uint32Array(dim + 1);
  const cls: number[] = [];
  const vals: number[] = [];
  const row = new Float32Array(k);
  for (let f = 0; f < dim; f++) {
    row.set(weights.subarray(f * k, f * k + k));
    row.sort();
    const median = row[k >> 1] ?? 0;
    let kept = 0;
    for (let c = 0; c < k; c++) if (Math.abs((weights[f * k + c] ?? 0) - median) >= pruneBelow) kept++;
    // Rows that stay mostly full are stored whole: a full row is scored with a contiguous loop.
    const full = kept * 2 > k;
    for (let c = 0; c < k; c++) {
      const w = (weights[f * k + c] ?? 0) - median;
      if (full || Math.abs(w) >= pruneBelow) {
        cls.push(c);
        vals.push(w);
      }
    }
    rowStart[f + 1] = cls.length;
  }
  return {
    dim,
    classes: k,
    rowStart,
    classIndex: Uint32Array.from(cls),
    values: Float32Array.from(vals),
    bias: Float32Array.from(model.bias),
  };
}

/** Writes `b + xW` into `out`. */
export function sparseScores(w: SparseWeights, x: SparseVector, out: Float64Array): void {
  const { rowStart, classIndex, values, bias, classes: k } = w;
  for (let c = 0; c < k; c++) out[c] = bias[c] as number;
  const { indices, values: xv } = x;
  const k4 = k & ~3;
  // Hot loop (most of classification time): `as number` instead of `?? 0` and a 4-way unrolled
  // loop for full rows measured 1.6× faster on V8; indices are in range by construction.
  for (let i = 0; i < indices.length; i++) {
    const f = indices[i] as number;
    const v = xv[i] as number;
    const start = rowStart[f] as number;
    const end = rowStart[f + 1] as number;
    if (end - start === k) {
      let c = 0;
      for (; c < k4; c += 4) {
        const b = start + c;
        out[c] = (out[c] as number) + v * (values[b] as number);
        out[c + 1] = (out[c + 1] as number) + v * (values[b + 1] as number);
        out[c + 2] = (out[c + 2] as number) + v * (values[b + 2] as number);
        out[c + 3] = (out[c + 3] as number) + v * (values[b + 3] as number);
      }
      for (; c < k; c++) out[c] = (out[c] as number) + v * (values[start + c] as number);
    } else {
      for (let j = start; j < end; j++) {
        const c = classIndex[j] as number;
        out[c] = (out[c] as number) + v * (values[j] as number);
      }
    }
  }
}

export const sparseWeightsJsonSchema = z.object({
  dim: z.number().int().nonnegative(),
  classes: z.number().int().positive(),
  rowStart: z.string(),
  classIndex: z.string(),
  values: z.string(),
  bias: z.string(),
});
export type SparseWeightsJson = z.infer<typeof sparseWeightsJsonSchema>;

export function sparseWeightsToJSON(w: SparseWeights): SparseWeightsJson {
  return {
    dim: w.dim,
    classes: w.classes,
    rowStart: encodeTyped(w.rowStart),
    classIndex: encodeTyped(w.classIndex),
    values: encodeTyped(w.values),
    bias: encodeTyped(w.bias),
  };
}

export function sparseWeightsFromJSON(json: SparseWeightsJson): SparseWeights {
  return {
    dim: json.dim,
    classes: json.classes,
    rowStart: decodeUint32(json.rowStart),
    classIndex: decodeUint32(json.classIndex),
    values: decodeFloat32(json.values),
    bias: decodeFloat32(json.bias),
  };
}
