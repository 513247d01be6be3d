/**
 * What several bot processes must agree on: which platform events were already handled
 * (idempotency) and who may run a conversation's turn right now (ordering).
 */
export interface Coordinator {
  /**
   * Claims `key` for `ttlMs`. Resolves `true` for the first claim, `false` while an earlier claim
   * of the same key is alive: the event is a duplicate delivery.
   */
  claimOnce(key: string, ttlMs: number): Promise<boolean>;
  /** Gives a claim back, so a redelivery of an event whose handling failed is processed again. */
  releaseClaim(key: string): Promise<void>;
  /**
   * Marks a claim's event as handled. Until then a coordinator shared by several processes may
   * treat the claim as pending: the bot claims inside the conversation's lock, so a pending claim
   * found there belongs to a holder that died mid-turn, and its redelivery is processed again.
   * Optional: without it a claim counts as handled from the start.
   */
  settleClaim?(key: string, ttlMs: number): Promise<void>;
  /**
   * Inside {@link runExclusive}'s task: whether this task still holds its lock. A holder stalled
   * past its lease (another process took the conversation over) checks before writing, and gives
   * the turn up instead of overwriting the newer one. Optional: a lock in one process is never lost.
   */
  stillHolding?(): Promise<boolean>;
  /**
   * Runs `task` while holding the lock for `key`. Tasks for one key run one at a time in arrival
   * order; tasks for different keys run concurrently.
   */
  runExclusive<T>(key: string, task: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
