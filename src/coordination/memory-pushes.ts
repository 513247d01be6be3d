import type { PushedFrame, Pushes } from "../core/pushes.ts";

/**
 * {@link Pushes} inside one process (no Redis): subscribers are called synchronously during
 * `publish`, kept frames live in memory and are lost on restart. `once` needs no record here: a
 * turn is only re-run after a crash, and a crash empties this memory too.
 */
export function createMemoryPushes(): Pushes {
  const listeners = new Map<string, Set<(key: string, pushed: PushedFrame) => void>>();
  const logs = new Map<string, PushedFrame[]>();
  // Ids are `<boot>.<n>`: a cursor from before a restart is not mistaken for one of this run's.
  const boot = Date.now().toString(36);
  let next = 0;

  return {
    async publish(topic, key, frame, options = {}) {
      const pushed = { id: `${boot}.${++next}`, frame };
      if (options.keep) {
        const logKey = `${topic}\u0000${key}`;
        const frames = logs.get(logKey) ?? [];
        logs.set(logKey, frames);
        frames.push(pushed);
        if (frames.length > options.keep) frames.splice(0, frames.length - options.keep);
      }
      for (const listener of listeners.get(topic) ?? []) listener(key, pushed);
      return pushed.id;
    },
    subscribe(topic, listener) {
      const set = listeners.get(topic) ?? new Set();
      listeners.set(topic, set);
      set.add(listener);
      return () => set.delete(listener);
    },
    async since(topic, key, afterId) {
      const frames = logs.get(`${topic}\u0000${key}`) ?? [];
      const [from, count] = (afterId ?? "").split(".");
      if (from !== boot) return frames;
      return frames.filter((pushed) => Number(pushed.id.split(".")[1]) > Number(count));
    },
    async latest(topic, key) {
      return logs.get(`${topic}\u0000${key}`)?.at(-1)?.id ?? `${boot}.0`;
    },
    async close() {
      listeners.clear();
      logs.clear();
    },
  };
}
