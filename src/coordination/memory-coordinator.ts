import { type Coordinator, createKeyedQueue } from "./coordinator.ts";

/** Single-process coordinator: claims in a Map with expiry, FIFO queues per key. */
export function createMemoryCoordinator(now: () => number = Date.now): Coordinator {
  const claims = new Map<string, number>();
  const queue = createKeyedQueue();
  let claimsSinceSweep = 0;

  function sweep(): void {
    const time = now();
    for (const [key, expires] of claims) if (expires <= time) claims.delete(key);
  }

  return {
    async claimOnce(key, ttlMs) {
      // Sweep now and then so a long-running process does not keep every event id forever.
      if (++claimsSinceSweep >= 1000) {
        claimsSinceSweep = 0;
        sweep();
      }
      const expires = claims.get(key);
      if (expires !== undefined && expires > now()) return false;
      claims.set(key, now() + ttlMs);
      return true;
    },
    async releaseClaim(key) {
      claims.delete(key);
    },
    runExclusive: queue,
    async close() {
      claims.clear();
    },
  };
}
