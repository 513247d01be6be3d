/**
 * Where idempotency claims live. The coordinator asks it "was this event seen?"; the answer must be
 * atomic (two concurrent claims of one key: exactly one wins) and survive as long as the store does:
 * in memory for `STORE=memory`, in the SQLite file for `STORE=file` (so a restart still drops
 * redeliveries), in Redis for `STORE=redis` (the Redis coordinator does `SET NX PX` itself).
 */
export interface ClaimStore {
  /** Claims `key` for `ttlMs`: `true` for the first claim, `false` while an earlier one is alive. */
  claim(key: string, ttlMs: number): Promise<boolean>;
  /** Forgets a claim, so the event is processed again when it is redelivered. */
  release(key: string): Promise<void>;
}

/** How many claims between sweeps of expired ones out of the in-memory map. */
const SWEEP_EVERY_CLAIMS = 1000;

/** A {@link ClaimStore} in a Map with expiry: one process, lost on restart (`STORE=memory`). */
export interface MemoryClaimStore extends ClaimStore {
  /** Claims held in memory, expired ones not yet swept included (tests, diagnostics). */
  size(): number;
  clear(): void;
}

/** Claims in a Map, swept of expired keys every 1,000 claims so a long run does not keep them all. */
export function createMemoryClaimStore(now: () => number = Date.now): MemoryClaimStore {
  const claims = new Map<string, number>();
  let claimsSinceSweep = 0;
  function sweep(): void {
    const time = now();
    for (const [key, expires] of claims) if (expires <= time) claims.delete(key);
  }
  return {
    async claim(key, ttlMs) {
      if (++claimsSinceSweep >= SWEEP_EVERY_CLAIMS) {
        claimsSinceSweep = 0;
        sweep();
      }
      const expires = claims.get(key);
      if (expires !== undefined && expires > now()) return false;
      claims.set(key, now() + ttlMs);
      return true;
    },
    async release(key) {
      claims.delete(key);
    },
    size: () => claims.size,
    clear: () => claims.clear(),
  };
}
