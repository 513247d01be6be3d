/** A sparse vector: parallel typed arrays of distinct feature indices (in no particular order) and values. */
export interface SparseVector {
  readonly indices: Int32Array;
  readonly values: Float32Array;
}

/** Euclidean norm of the values. */
export function l2Norm(values: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] ?? 0;
    sum += v * v;
  }
  return Math.sqrt(sum);
}
