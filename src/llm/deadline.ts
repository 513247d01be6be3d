/** Why a deadline's signal fired. */
export type DeadlineReason = "timeout" | "aborted";

/** A per-call time budget, combined with the caller's own abort signal. */
export interface Deadline {
  /** Fires when the time is up or the caller aborts; pass it to every request. */
  readonly signal: AbortSignal;
  /** Milliseconds left (0 when fired). */
  remaining(): number;
  reason(): DeadlineReason | undefined;
  /** Restarts the clock with `ms` from now (a stream that started gets longer to finish). */
  extend(ms: number): void;
  /** Clears the timer; call when the work is done. */
  dispose(): void;
}

/** Starts a deadline of `ms` milliseconds that also fires when `parent` aborts. */
export function createDeadline(ms: number, parent?: AbortSignal): Deadline {
  const controller = new AbortController();
  let reason: DeadlineReason | undefined;
  let endsAt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const fire = (why: DeadlineReason) => {
    if (controller.signal.aborted) return;
    reason = why;
    controller.abort(new DOMException(why === "timeout" ? "LLM deadline passed" : "aborted", "AbortError"));
  };
  const start = (duration: number) => {
    if (timer) clearTimeout(timer);
    endsAt = performance.now() + duration;
    timer = setTimeout(() => fire("timeout"), duration);
  };
  const onParentAbort = () => fire("aborted");
  if (parent?.aborted) fire("aborted");
  else parent?.addEventListener("abort", onParentAbort, { once: true });
  start(ms);
  return {
    signal: controller.signal,
    remaining: () => (controller.signal.aborted ? 0 : Math.max(0, endsAt - performance.now())),
    reason: () => reason,
    extend: (duration) => {
      if (!controller.signal.aborted) start(duration);
    },
    dispose: () => {
      if (timer) clearTimeout(timer);
      parent?.removeEventListener("abort", onParentAbort);
    },
  };
}

/** Waits `ms`; resolves false early if `signal` fires. */
export function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(false);
    const done = (completed: boolean) => {
      clearTimeout(timer);
      signal.removeEventListener("abort", onAbort);
      resolve(completed);
    };
    const onAbort = () => done(false);
    const timer = setTimeout(() => done(true), ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

/**
 * Settles with `promise`, or rejects as soon as `signal` fires, whichever comes first: the caller's
 * deadline holds even if a library is slow to notice the abort.
 */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    promise.catch(() => undefined);
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}
