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
   * Runs `task` while holding the lock for `key`. Tasks for one key run one at a time in arrival
   * order; tasks for different keys run concurrently.
   */
  runExclusive<T>(key: string, task: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * In-process FIFO queues per key: each task starts when the previous one for its key settles.
 * Shared by both coordinators (the Redis one adds a cross-process lock inside it).
 */
export function createKeyedQueue(): <T>(key: string, task: () => Promise<T>) => Promise<T> {
  const tails = new Map<string, Promise<unknown>>();
  return <T>(key: string, task: () => Promise<T>): Promise<T> => {
    const previous = tails.get(key) ?? Promise.resolve();
    const run = previous.then(task, task);
    const tail = run.then(
      () => undefined,
      () => undefined,
    );
    tails.set(key, tail);
    void tail.then(() => {
      if (tails.get(key) === tail) tails.delete(key);
    });
    return run;
  };
}
