/**
 * Temperature scaling (Guo et al. 2017): one scalar T that divides the scores before the softmax,
 * chosen to minimise the negative log-likelihood of held-out labels. It leaves the ranking unchanged
 * and makes "confidence 0.8" mean roughly "right 80% of the time".
 */
export function fitTemperature(scores: readonly Float64Array[], labels: ArrayLike<number>): number {
  if (scores.length === 0) return 1;
  const nll = (t: number): number => {
    let total = 0;
    scores.forEach((s, n) => {
      let max = Number.NEGATIVE_INFINITY;
      for (const v of s) if (v > max) max = v;
      let sum = 0;
      for (const v of s) sum += Math.exp((v - max) / t);
      total += Math.log(sum) - ((s[labels[n] ?? 0] ?? 0) - max) / t;
    });
    return total / scores.length;
  };
  // Golden-section search over log T in [log 0.02, log 20]; NLL is unimodal in T for one scalar.
  let lo = Math.log(0.02);
  let hi = Math.log(20);
  const g = (Math.sqrt(5) - 1) / 2;
  let a = hi - g * (hi - lo);
  let b = lo + g * (hi - lo);
  let fa = nll(Math.exp(a));
  let fb = nll(Math.exp(b));
  for (let i = 0; i < 40; i++) {
    if (fa < fb) {
      hi = b;
      b = a;
      fb = fa;
      a = hi - g * (hi - lo);
      fa = nll(Math.exp(a));
    } else {
      lo = a;
      a = b;
      fa = fb;
      b = lo + g * (hi - lo);
      fb = nll(Math.exp(b));
    }
  }
  return Math.exp((lo + hi) / 2);
}
