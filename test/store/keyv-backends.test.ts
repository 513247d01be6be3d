import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import Database from "better-sqlite3";
import { Keyv } from "keyv";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { KeyvFactory } from "../../src/store/create-keyv.ts";
import { SqliteKeyvStore } from "../../src/store/sqlite-keyv-store.ts";
import { type StoreBackend, storeBackends } from "./backends.ts";

const backends = await storeBackends("keyv-backends");
afterAll(async () => {
  for (const backend of backends) await backend.cleanup();
});

/** Every live entry of a namespace, sorted by key (Redis SCAN has no order). */
async function entriesOf(keyv: Keyv<unknown>): Promise<Array<[string, unknown]>> {
  if (!keyv.iterator) throw new Error(`Keyv namespace ${keyv.namespace} has no iterator`);
  const entries: Array<[string, unknown]> = [];
  for await (const [key, value] of keyv.iterator(undefined)) entries.push([String(key), value]);
  return entries.sort(([a], [b]) => a.localeCompare(b));
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

const sample = {
  text: "¿Dónde está mi pedido? 注文はどこですか 🚚",
  count: 3,
  ratio: 0.25,
  ok: true,
  none: null,
  nested: { list: [1, "two", { three: 3 }], empty: [] },
};

describe.each(backends)("Keyv store contract: $kind", (backend) => {
  if (!backend.available) {
    it.skip(`needs a reachable ${backend.kind} backend`, () => {});
    return;
  }

  let stores: KeyvFactory;
  beforeAll(() => {
    stores = backend.open();
  });
  afterAll(async () => {
    await stores.close();
  });
  const open = (name: string) => stores.namespace<unknown>(backend.ns(name));

  it("sets, gets, checks and deletes a value", async () => {
    const keyv = open("basic");
    expect(await keyv.set("greeting", "hello")).toBe(true);
    expect(await keyv.get("greeting")).toBe("hello");
    expect(await keyv.has("greeting")).toBe(true);
    expect(await keyv.delete("greeting")).toBe(true);
    expect(await keyv.get("greeting")).toBeUndefined();
    expect(await keyv.has("greeting")).toBe(false);
    expect(await keyv.delete("greeting")).toBe(false);
  });

  it("round-trips objects unchanged and overwrites them", async () => {
    const keyv = open("objects");
    await keyv.set("sample", sample);
    expect(await keyv.get("sample")).toEqual(sample);
    await keyv.set("sample", { replaced: true });
    expect(await keyv.get("sample")).toEqual({ replaced: true });
  });

  it("expires a value after its ttl and keeps values without one", async () => {
    const keyv = open("ttl");
    await keyv.set("short", "soon gone", 50);
    await keyv.set("long", "stays");
    expect(await keyv.get("short")).toBe("soon gone");
    await sleep(120);
    expect(await keyv.get("short")).toBeUndefined();
    expect(await keyv.has("short")).toBe(false);
    expect(await keyv.get("long")).toBe("stays");
  });

  it("keeps the same key in two namespaces apart", async () => {
    const a = open("isolated-a");
    const b = open("isolated-b");
    await a.set("user-1", "from a");
    await b.set("user-1", "from b");
    expect(await a.get("user-1")).toBe("from a");
    expect(await b.get("user-1")).toBe("from b");
    await a.delete("user-1");
    expect(await a.get("user-1")).toBeUndefined();
    expect(await b.get("user-1")).toBe("from b");
  });

  it("returns the same records when a namespace is asked for twice", async () => {
    await open("twice").set("k", "v");
    expect(await open("twice").get("k")).toBe("v");
  });

  it("clear() empties its own namespace only, even one whose name starts the same", async () => {
    const target = open("clear");
    const longer = open("clear-more");
    const other = open("unrelated");
    await Promise.all([
      target.set("a", 1),
      target.set("b", 2),
      longer.set("a", "kept"),
      other.set("a", "kept"),
    ]);
    await target.clear();
    expect(await target.get("a")).toBeUndefined();
    expect(await entriesOf(target)).toEqual([]);
    expect(await longer.get("a")).toBe("kept");
    expect(await other.get("a")).toBe("kept");
  });

  it("iterates over exactly its namespace's live entries", async () => {
    const keyv = open("iterate");
    const neighbour = open("iterate-neighbour");
    await keyv.set("conv:2", { n: 2 });
    await keyv.set("conv:1", { n: 1 });
    await keyv.set("conv:3", "three");
    await keyv.set("expired", "gone", 30);
    await neighbour.set("conv:9", "not mine");
    await sleep(80);
    expect(await entriesOf(keyv)).toEqual([
      ["conv:1", { n: 1 }],
      ["conv:2", { n: 2 }],
      ["conv:3", "three"],
    ]);
  });

  it("iterates over every key of a large namespace", async () => {
    const keyv = open("iterate-many");
    const keys = Array.from({ length: 150 }, (_, i) => `key-${String(i).padStart(3, "0")}`);
    await Promise.all(keys.map((key, i) => keyv.set(key, i)));
    const entries = await entriesOf(keyv);
    expect(entries.map(([key]) => key)).toEqual(keys);
    expect(entries.map(([, value]) => value)).toEqual(keys.map((_, i) => i));
  });

  it("stores concurrent sets of different keys, even on a factory's first use", async () => {
    const fresh = backend.open();
    try {
      const a = fresh.namespace<number>(backend.ns("concurrent-a"));
      const b = fresh.namespace<number>(backend.ns("concurrent-b"));
      const keys = Array.from({ length: 100 }, (_, i) => `k${i}`);
      const results = await Promise.all(keys.flatMap((key, i) => [a.set(key, i), b.set(key, 1000 + i)]));
      expect(results.every(Boolean)).toBe(true);
      expect(await Promise.all(keys.map((key) => a.get(key)))).toEqual(keys.map((_, i) => i));
      expect(await Promise.all(keys.map((key) => b.get(key)))).toEqual(keys.map((_, i) => 1000 + i));
    } finally {
      await fresh.close();
    }
  });

  it("serves many namespaces from one factory without leak warnings", async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on("warning", onWarning);
    const fresh = backend.open();
    try {
      const namespaces = Array.from({ length: 20 }, (_, i) =>
        fresh.namespace<number>(backend.ns(`many-${i}`)),
      );
      await Promise.all(namespaces.map((keyv, i) => keyv.set("n", i)));
      expect(await Promise.all(namespaces.map((keyv) => keyv.get("n")))).toEqual(range(20));
      await new Promise((resolve) => setImmediate(resolve)); // warnings are emitted on a later tick
      expect(warnings.map((warning) => warning.message)).toEqual([]);
    } finally {
      process.off("warning", onWarning);
      await fresh.close();
    }
  });

  it.skipIf(!backend.persistent)("keeps values after the factory is closed and reopened", async () => {
    const first = backend.open();
    const name = backend.ns("reopen");
    await first.namespace<unknown>(name).set("conversation", sample);
    await first.namespace<unknown>(name).set("with-ttl", "still valid", 60_000);
    await first.close();

    const second = backend.open();
    try {
      const keyv = second.namespace<unknown>(name);
      expect(await keyv.get("conversation")).toEqual(sample);
      expect(await entriesOf(keyv)).toEqual([
        ["conversation", sample],
        ["with-ttl", "still valid"],
      ]);
    } finally {
      await second.close();
    }
  });
});

function backendOf(kind: StoreBackend["kind"]): StoreBackend {
  const backend = backends.find((candidate) => candidate.kind === kind);
  if (!backend) throw new Error(`no ${kind} backend`);
  return backend;
}

describe("SQLite file store", () => {
  const fileBackend = backendOf("file");
  const dir = path.dirname(fileBackend.file ?? "");
  const countRows = (file: string) => {
    const db = new Database(file, { readonly: true });
    try {
      return (db.prepare("SELECT count(*) AS n FROM keyv").get() as { n: number }).n;
    } finally {
      db.close();
    }
  };

  afterEach(() => {
    vi.useRealTimers();
  });

  it("purgeExpired deletes expired rows from the file, not only hides them", async () => {
    const file = path.join(dir, "purge.sqlite");
    const store = new SqliteKeyvStore(file);
    const keyv = new Keyv<string>({ store, namespace: "purge", throwOnErrors: true });
    try {
      await keyv.set("old", "expiring", 1_000);
      await keyv.set("fresh", "kept");
      expect(countRows(file)).toBe(2);
      expect(store.purgeExpired(Date.now() + 5_000)).toBe(1);
      expect(countRows(file)).toBe(1);
      expect(await keyv.get("fresh")).toBe("kept");
    } finally {
      await store.disconnect();
    }
  });

  it("purges rows that expired while the file was closed when it is reopened", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() });
    const file = path.join(dir, "reopen-purge.sqlite");
    const first = new SqliteKeyvStore(file);
    const keyv = new Keyv<string>({ store: first, namespace: "sessions", throwOnErrors: true });
    await keyv.set("expiring", "x", 1_000);
    await keyv.set("kept", "y");
    await first.disconnect();
    expect(countRows(file)).toBe(2);

    vi.setSystemTime(Date.now() + 5_000);
    const second = new SqliteKeyvStore(file);
    await second.disconnect();
    expect(countRows(file)).toBe(1);
  });
});

const redisBackend = backendOf("redis");

describe.skipIf(!redisBackend.available)("Redis store", () => {
  let stores: KeyvFactory;
  beforeAll(() => {
    stores = redisBackend.open();
  });
  afterAll(async () => {
    await stores.close();
  });

  it("lets Redis expire keys set with a ttl, so nothing lingers in memory", async () => {
    const name = redisBackend.ns("redis-ttl");
    const keyv = stores.namespace<string>(name);
    await keyv.set("with-ttl", "x", 10_000);
    await keyv.set("without-ttl", "y");
    const ttl = await redisBackend.redis?.pTTL(`${name}::with-ttl`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(10_000);
    expect(await redisBackend.redis?.pTTL(`${name}::without-ttl`)).toBe(-1);
  });
});
