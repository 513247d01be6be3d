/** Figures the support report and the insights page compute the same way. */

const HOUR = 3_600_000;

/** Nearest-rank quantile `q` of durations in milliseconds, in hours with one decimal (`null` when there are none). */
export function quantileHours(durations: readonly number[], q: number): number | null {
  if (durations.length === 0) return null;
  const sorted = [...durations].sort((a, b) => a - b);
  const value = sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
  return Math.round((value / HOUR) * 10) / 10;
}

/** `part / whole` with three decimals, `null` when there is no whole. */
export const ratio = (part: number, whole: number): number | null =>
  whole === 0 ? null : Math.round((part / whole) * 1000) / 1000;
