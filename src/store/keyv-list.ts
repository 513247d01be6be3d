import type { Keyv } from "keyv";
import type { z } from "zod";

/** An append-only list per key, bounded to its newest items. */
export interface KeyvList<T> {
  append(key: string, item: T): Promise<void>;
  list(key: string): Promise<T[]>;
  erase(key: string): Promise<void>;
  /**
   * Every item of every list in the namespace, with its list's key, in no particular order: a scan
   * of the whole namespace, for reports — never on a customer's turn.
   */
  entries(): AsyncGenerator<{ key: string; item: T }, void>;
}

/**
 * A list on Keyv with one entry per item (`<key>#<n>`) and a counter (`<key>#count`), so appending
 * costs the same however long the list is. Callers serialise appends to one key (the conversation
 * lock does); items failing `schema` on read are skipped.
 */
export function createKeyvList<T>(
  keyv: Keyv<unknown>,
  schema: z.ZodType<T>,
  options: { maxItems?: number; ttlMs?: number } = {},
): KeyvList<T> {
  const maxItems = options.maxItems ?? 500;
  const countKey = (key: string) => `${key}#count`;
  const itemKey = (key: string, n: number) => `${key}#${n}`;
  const countOf = async (key: string) => {
    const stored = await keyv.get(countKey(key));
    return typeof stored === "number" ? stored : 0;
  };
  return {
    async append(key, item) {
      const n = (await countOf(key)) + 1;
      await keyv.set(itemKey(key, n), schema.parse(item), options.ttlMs);
      await keyv.set(countKey(key), n, options.ttlMs);
      if (n > maxItems) await keyv.delete(itemKey(key, n - maxItems));
    },
    async list(key) {
      const count = await countOf(key);
      const first = Math.max(1, count - maxItems + 1);
      const keys = Array.from({ length: count - first + 1 }, (_, i) => itemKey(key, first + i));
      if (keys.length === 0) return [];
      const values = await keyv.getMany(keys);
      return values.flatMap((value) => {
        const parsed = schema.safeParse(value);
        return parsed.success ? [parsed.data] : [];
      });
    },
    async erase(key) {
      const count = await countOf(key);
      const keys = Array.from({ length: count }, (_, i) => itemKey(key, i + 1));
      if (keys.length > 0) await keyv.deleteMany(keys);
      await keyv.delete(countKey(key));
    },
    async *entries() {
      if (!keyv.iterator) return;
      for await (const [entryKey, value] of keyv.iterator(undefined)) {
        const stored = String(entryKey);
        const hash = stored.lastIndexOf("#");
        if (hash < 0 || stored.endsWith("#count")) continue;
        const parsed = schema.safeParse(value);
        if (parsed.success) yield { key: stored.slice(0, hash), item: parsed.data };
      }
    },
  };
}
