/**
 * An open-addressing map from 32-bit feature hashes to dense indices. Plain `Map` costs about three
 * times as much per lookup, and lookups are most of the inference time.
 */
export interface HashIndex {
  /** Dense index of the hash, or -1. */
  get(hash: number): number;
  /** Index of the hash, inserting it with the next free index when absent. */
  add(hash: number): number;
  readonly size: number;
  /** Hashes in index order. */
  keys(): Uint32Array;
}

/** Creates an empty index, or one holding `keys` at indices 0..n-1. */
export function createHashIndex(keys?: Uint32Array): HashIndex {
  let capacity = 1024;
  while (capacity < (keys?.length ?? 0) * 2) capacity *= 2;
  let table = new Uint32Array(capacity);
  let slots = new Int32Array(capacity).fill(-1);
  let order: number[] = [];

  const find = (hash: number): number => {
    const mask = capacity - 1;
    let slot = (Math.imul(hash ^ (hash >>> 15), 0x2c1b3c6d) >>> 0) & mask;
    while ((slots[slot] ?? -1) !== -1 && table[slot] !== hash) slot = (slot + 1) & mask;
    return slot;
  };

  const grow = (): void => {
    capacity *= 2;
    table = new Uint32Array(capacity);
    slots = new Int32Array(capacity).fill(-1);
    for (let i = 0; i < order.length; i++) {
      const hash = order[i] ?? 0;
      const slot = find(hash);
      table[slot] = hash;
      slots[slot] = i;
    }
  };

  const index: HashIndex = {
    get(hash) {
      return slots[find(hash >>> 0)] ?? -1;
    },
    add(hash) {
      const h = hash >>> 0;
      const slot = find(h);
      const existing = slots[slot] ?? -1;
      if (existing !== -1) return existing;
      const next = order.length;
      order.push(h);
      table[slot] = h;
      slots[slot] = next;
      if (order.length * 2 > capacity) grow();
      return next;
    },
    get size() {
      return order.length;
    },
    keys() {
      return Uint32Array.from(order);
    },
  };
  if (keys) {
    order = [];
    for (const k of keys) index.add(k);
  }
  return index;
}

/**
 * A read-only hash → index lookup over fixed keys, faster than {@link HashIndex} on the inference
 * path: keys and values are interleaved in one array, so a probe touches one cache line.
 */
export function createFrozenLookup(keys: Uint32Array): (hash: number) => number {
  let capacity = 16;
  while (capacity < keys.length * 2) capacity *= 2;
  const mask = capacity - 1;
  // table[2s] = key (as int32), table[2s + 1] = index, or -1 when the slot is empty.
  const table = new Int32Array(capacity * 2);
  for (let s = 0; s < capacity; s++) table[2 * s + 1] = -1;
  for (let i = 0; i < keys.length; i++) {
    const hash = (keys[i] ?? 0) | 0;
    let slot = (Math.imul(hash ^ (hash >>> 15), 0x2c1b3c6d) >>> 0) & mask;
    while (table[2 * slot + 1] !== -1 && table[2 * slot] !== hash) slot = (slot + 1) & mask;
    table[2 * slot] = hash;
    table[2 * slot + 1] = i;
  }
  return (h) => {
    const hash = h | 0;
    let slot = (Math.imul(hash ^ (hash >>> 15), 0x2c1b3c6d) >>> 0) & mask;
    for (;;) {
      const value = table[2 * slot + 1] as number;
      if (value === -1 || table[2 * slot] === hash) return value;
      slot = (slot + 1) & mask;
    }
  };
}
