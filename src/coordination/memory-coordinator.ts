import type { Coordinator } from "../core/coordinator.ts";
import { createMemoryClaimStore } from "./claim-store.ts";
import { createLocalCoordinator } from "./local-coordinator.ts";

/** Single-process coordinator with claims in memory (`STORE=memory`, tests): FIFO queues per key. */
export function createMemoryCoordinator(now: () => number = Date.now): Coordinator {
  const claims = createMemoryClaimStore(now);
  const coordinator = createLocalCoordinator({ claims });
  return {
    ...coordinator,
    async close() {
      claims.clear();
    },
  };
}
