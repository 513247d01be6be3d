/** Small statistics and timing helpers for the eval harness. */

export function mean(xs: readonly number[]): number {
  return xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length;
}

/** Sample standard deviation. */
export function std(xs: readonly number[]): number {
  if (xs.length < 2) return 0;
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1));
}

export function accuracy<T>(gold: readonly T[], predicted: readonly T[]): number {
  let hit = 0;
  gold.forEach((g, i) => {
    if (predicted[i] === g) hit++;
  });
  return gold.length === 0 ? 0 : hit / gold.length;
}

/** Seconds taken by `run`. */
export function seconds(run: () => void): number {
  const t = performance.now();
  run();
  return (performance.now() - t) / 1000;
}

/**
 * Single-thread throughput of `call` over `inputs` (calls per second): after one warm-up pass, passes
 * over all inputs are timed for at least `minSeconds`, and the fastest pass counts. On a shared
 * machine a pass that another process interrupted is slower, never faster, so the fastest pass is
 * the stable figure (and the same rule is applied to the peers).
 */
export function throughput<T>(inputs: readonly T[], call: (input: T) => unknown, minSeconds = 2): number {
  for (const x of inputs) call(x);
  let best = Number.POSITIVE_INFINITY;
  const start = performance.now();
  let passes = 0;
  do {
    const t = performance.now();
    for (const x of inputs) call(x);
    best = Math.min(best, performance.now() - t);
    passes++;
  } while (passes < 5 || performance.now() - start < minSeconds * 1000);
  return (inputs.length / best) * 1000;
}

/** Async version of {@link throughput} for peers whose API returns promises. */
export async function throughputAsync<T>(
  inputs: readonly T[],
  call: (input: T) => Promise<unknown>,
  minSeconds = 2,
): Promise<number> {
  for (const x of inputs) await call(x);
  let best = Number.POSITIVE_INFINITY;
  const start = performance.now();
  let passes = 0;
  do {
    const t = performance.now();
    for (const x of inputs) await call(x);
    best = Math.min(best, performance.now() - t);
    passes++;
  } while (passes < 5 || performance.now() - start < minSeconds * 1000);
  return (inputs.length / best) * 1000;
}

/** k examples per label, sampled with a seeded shuffle (labels in sorted order for reproducibility). */
export function sampleKShot<T extends { label: string }>(
  items: readonly T[],
  k: number,
  random: () => number,
): T[] {
  const byLabel = new Map<string, T[]>();
  for (const item of items) byLabel.set(item.label, [...(byLabel.get(item.label) ?? []), item]);
  const out: T[] = [];
  for (const label of [...byLabel.keys()].sort()) {
    const group = [...(byLabel.get(label) ?? [])];
    for (let i = group.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      const t = group[i] as T;
      group[i] = group[j] as T;
      group[j] = t;
    }
    out.push(...group.slice(0, k));
  }
  return out;
}

export function pct(x: number): number {
  return Math.round(x * 10000) / 100;
}

/**
 * Expected calibration error (15 equal-width bins): the gap between confidence and accuracy,
 * weighted by how many predictions fall in each bin. 0 is perfectly calibrated.
 */
export function expectedCalibrationError(
  confidences: readonly number[],
  correct: readonly boolean[],
  bins = 15,
): number {
  const count = new Array<number>(bins).fill(0);
  const conf = new Array<number>(bins).fill(0);
  const hits = new Array<number>(bins).fill(0);
  confidences.forEach((c, i) => {
    const b = Math.min(bins - 1, Math.floor(c * bins));
    count[b] = (count[b] ?? 0) + 1;
    conf[b] = (conf[b] ?? 0) + c;
    if (correct[i]) hits[b] = (hits[b] ?? 0) + 1;
  });
  let ece = 0;
  for (let b = 0; b < bins; b++) {
    const n = count[b] ?? 0;
    if (n > 0) ece += (n / confidences.length) * Math.abs((hits[b] ?? 0) / n - (conf[b] ?? 0) / n);
  }
  return ece;
}
