import type { ClaimStore } from "../coordination/claim-store.ts";
import type { SqliteConnection } from "./sqlite-connection.ts";

/**
 * Idempotency claims in the state file's `claims` table: nothing per event stays in process
 * memory, claims survive a restart, and expired ones are purged with the expired records.
 */
export function createSqliteClaimStore(connection: SqliteConnection): ClaimStore {
  return {
    async claim(key, ttlMs) {
      const now = Date.now();
      const claimed = connection.statements.claim.run(key, now + Math.max(1, Math.round(ttlMs)), now);
      connection.wrote();
      return claimed.changes > 0;
    },
    async release(key) {
      connection.statements.release.run(key);
    },
  };
}
