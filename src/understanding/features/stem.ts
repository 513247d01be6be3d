/**
 * A deliberately light English stemmer: it folds plurals and the common verb endings so that
 * "refunds", "refunded" and "refunding" share a feature, without Porter's aggressive cuts that merge
 * unrelated intent words. Non-ASCII tokens (Korean, emoji) are returned unchanged.
 */
export function lightStem(token: string): string {
  if (token.length <= 3 || !/^[a-z]+$/.test(token)) return token;
  const stem = stripSuffix(token);
  // A final "e" is dropped everywhere so "charge", "charges" and "charged" meet at "charg".
  return stem.length > 3 && stem.endsWith("e") ? stem.slice(0, -1) : stem;
}

function stripSuffix(token: string): string {
  const n = token.length;
  if (n > 4 && token.endsWith("ies")) return `${token.slice(0, -3)}y`;
  if (token.endsWith("sses")) return token.slice(0, -2);
  if (n > 5 && token.endsWith("ing")) return undouble(token.slice(0, -3));
  if (n > 4 && token.endsWith("ed") && !token.endsWith("eed")) return undouble(token.slice(0, -2));
  if (token.endsWith("s") && !/(?:ss|us|is|ys)$/.test(token)) return token.slice(0, -1);
  return token;
}

function undouble(stem: string): string {
  const n = stem.length;
  if (n >= 3 && stem[n - 1] === stem[n - 2] && !/[lsz]/.test(stem[n - 1] ?? "")) return stem.slice(0, -1);
  return stem;
}
