import { createHash } from "node:crypto";
import type { Keyv } from "keyv";

/** A cache of validated model outputs, keyed by a hash of everything that shaped them. */
export interface ResponseCache {
  get<T>(parts: readonly unknown[], parse: (value: unknown) => T | undefined): Promise<T | undefined>;
  set(parts: readonly unknown[], value: unknown): Promise<void>;
}

// Trailing characters a question may end with (whitespace is a single space by then).
const TRAILING = new Set([" ", "?", "!", ".", "。", "？", "！", "~", "…"]);

/**
 * Normalises a question so trivial variants share a cache entry: Unicode NFKC, case, whitespace and
 * trailing punctuation ("How do I export?!" ≡ "how do i export").
 */
export function normalizeQuestion(text: string): string {
  const question = text.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
  // A loop, not `/[…]+$/`: that regex rescans a long "????…x" from every "?" (quadratic).
  let end = question.length;
  while (end > 0 && TRAILING.has(question[end - 1] ?? "")) end--;
  return question.slice(0, end);
}

/** A stable SHA-256 key: stored keys never contain customer text. */
function cacheKey(parts: readonly unknown[]): string {
  return createHash("sha256").update(JSON.stringify(parts)).digest("hex");
}

/**
 * A {@link ResponseCache} on Keyv. `ttlMs` 0 disables it. Values are stored with placeholders, not
 * personal data: the caller restores them for the customer at hand. Store errors are reported to
 * `onError` and treated as a miss, so a broken cache costs money, not answers.
 */
export function createResponseCache(
  keyv: Keyv<unknown>,
  options: { ttlMs: number; onError: (error: unknown) => void },
): ResponseCache {
  const enabled = options.ttlMs > 0;
  return {
    async get(parts, parse) {
      if (!enabled) return undefined;
      try {
        return parse(await keyv.get(`llm:${cacheKey(parts)}`));
      } catch (error) {
        options.onError(error);
        return undefined;
      }
    },
    async set(parts, value) {
      if (!enabled) return;
      try {
        await keyv.set(`llm:${cacheKey(parts)}`, value, options.ttlMs);
      } catch (error) {
        options.onError(error);
      }
    },
  };
}
