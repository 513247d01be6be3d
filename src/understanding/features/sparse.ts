/** A sparse vector: parallel typed arrays of distinct feature indices (in no particular order) and values. */
export interface SparseVector {
  readonly indices: Int32Array;
  readonly values: Float32Array;
}

/** The empty vector, returned for texts with no known feature. */
export const EMPTY_VECTOR: SparseVector = { indices: new Int32Array(0), values: new Float32Array(0) };

/** Euclidean norm of the values. */
export function l2Norm(values: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] ?? 0;
    sum += v * v;
  }
  return Math.sqrt(sum);
}

/** Scales the values in place to unit length (no-op for the zero vector). */
export function l2NormalizeInPlace(values: Float32Array): void {
  const norm = l2Norm(values);
  if (norm === 0) return;
  for (let i = 0; i < values.length; i++) values[i] = (values[i] ?? 0) / norm;
}

/** Dot product of a sparse vector with a dense one. */
export function dotDense(vector: SparseVector, dense: Float32Array | Float64Array): number {
  let sum = 0;
  const { indices, values } = vector;
  for (let i = 0; i < indices.length; i++) sum += (values[i] ?? 0) * (dense[indices[i] ?? 0] ?? 0);
  return sum;
}
