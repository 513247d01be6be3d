import type { Coordinator } from "../core/coordinator.ts";
import type { ClaimStore } from "./claim-store.ts";
import { createKeyedQueue } from "./keyed-queue.ts";

/**
 * Coordinator for one bot process: conversation turns queue FIFO in memory, idempotency claims go
 * to `claims` (the SQLite file with `STORE=file`, so duplicates are still dropped after a restart).
 * Closing it leaves `claims` open: whoever opened the store closes it.
 */
export function createLocalCoordinator(options: { claims: ClaimStore }): Coordinator {
  const { claims } = options;
  return {
    claimOnce: (key, ttlMs) => claims.claim(key, ttlMs),
    releaseClaim: (key) => claims.release(key),
    runExclusive: createKeyedQueue(),
    async close() {},
  };
}
