import { Keyv } from "keyv";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateLegacyUnanswered, UNATTRIBUTED_CONVERSATION } from "../../src/kb/unanswered-legacy.ts";
import { createUnansweredLog, type UnansweredLog } from "../../src/kb/unanswered-log.ts";
import type { KeyvFactory } from "../../src/store/create-keyv.ts";
import { storeBackends } from "../store/backends.ts";

const backends = await storeBackends("unanswered-log");
afterAll(async () => {
  for (const backend of backends) await backend.cleanup();
});

const DAY = 24 * 3600 * 1000;
const ask = (log: UnansweredLog, conversation: string, text: string, language = "en") =>
  log.record({ text, language, nearest: [{ id: "shipping", score: 0.2 }], conversation });

describe.each(backends)("Unanswered-questions log: $kind", (backend) => {
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
  const open = (name: string, ttlMs = 30 * DAY) => {
    const namespace = backend.ns(name);
    return { namespace, log: createUnansweredLog(stores.namespace<unknown>(namespace), { ttlMs }) };
  };

  it("groups the same question asked in different words, most asked first", async () => {
    const { log } = open("group");
    await ask(log, "web:a", "Is there a store in Busan?");
    await ask(log, "web:b", "is there a STORE in busan");
    await ask(log, "web:b", "배송비가 얼마예요?", "ko");
    const [first, second] = await log.list();
    expect(first).toMatchObject({ text: "is there a STORE in busan", count: 2 });
    expect(first?.askedIn.sort()).toEqual(["web:a", "web:b"]);
    expect(second).toMatchObject({
      text: "배송비가 얼마예요?",
      language: "ko",
      count: 1,
      askedIn: ["web:b"],
    });
  });

  it("counts two identical questions asked at the same moment twice (no shared record to lose)", async () => {
    const { log } = open("race");
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => ask(log, `telegram:${i}`, "Do you ship to Jeju?")),
    );
    const [record] = await log.list();
    expect(record?.count).toBe(20);
    expect(record?.askedIn).toHaveLength(20);
  });

  it("erases one conversation's questions and keeps everyone else's", async () => {
    const { log } = open("erase");
    await ask(log, "web:leaver", "Can I pay with my card ending 4242?");
    await ask(log, "web:leaver", "Is there a store in Busan?");
    await ask(log, "web:stayer", "Is there a store in Busan?");
    expect(await log.eraseConversation("web:leaver")).toBe(2);
    const records = await log.list();
    expect(records).toEqual([expect.objectContaining({ count: 1, askedIn: ["web:stayer"] })]);
    expect(JSON.stringify(records)).not.toContain("4242");
    expect(await log.eraseConversation("web:leaver")).toBe(0);
  });

  it.skipIf(backend.kind === "memory")("stores each question with the conversation's expiry", async () => {
    const { namespace, log } = open("expiry", 30 * DAY);
    await ask(log, "web:expiring", "Where is the Busan store?");
    for (const key of ["web:expiring#1", "web:expiring#count"]) {
      const left = await backend.expiryOf(namespace, key);
      expect(left, key).toBeGreaterThan(30 * DAY - 60_000);
      expect(left, key).toBeLessThanOrEqual(30 * DAY);
    }
  });

  it("moves records of the old shared layout over, so they expire and can be erased", async () => {
    const legacy = stores.namespace<unknown>(backend.ns("legacy-old"));
    const { log } = open("legacy-new");
    await legacy.set("is there a store in busan", {
      text: "Is there a store in Busan?",
      language: "en",
      count: 5,
      firstAt: 1_000,
      lastAt: 2_000,
      nearest: [],
      askedIn: ["web:x", "web:y"],
    });
    await legacy.set("old question", {
      text: "Old question",
      language: "en",
      count: 1,
      firstAt: 1_000,
      lastAt: 1_000,
      nearest: [],
    });
    expect(await migrateLegacyUnanswered(legacy, log)).toBe(2);
    expect(await migrateLegacyUnanswered(legacy, log)).toBe(0);
    const records = await log.list();
    expect(records).toEqual([
      expect.objectContaining({ text: "Is there a store in Busan?", count: 5, lastAt: 2_000 }),
      expect.objectContaining({ text: "Old question", count: 1, askedIn: [UNATTRIBUTED_CONVERSATION] }),
    ]);
    await log.eraseConversation("web:x");
    expect((await log.list())[0]).toMatchObject({ count: 1, askedIn: ["web:y"] });
  });
});

/** A Map that counts what Keyv does with it and which keys it touches. */
class CountingMap extends Map<string, unknown> {
  operations = 0;
  scans = 0;
  touched = new Set<string>();
  override get(key: string) {
    this.operations++;
    this.touched.add(key);
    return super.get(key);
  }
  override set(key: string, value: unknown) {
    this.operations++;
    this.touched.add(key);
    return super.set(key, value);
  }
  override delete(key: string) {
    this.operations++;
    this.touched.add(key);
    return super.delete(key);
  }
  override has(key: string) {
    this.operations++;
    this.touched.add(key);
    return super.has(key);
  }
  override entries() {
    this.scans++;
    return super.entries();
  }
  override [Symbol.iterator]() {
    this.scans++;
    return super[Symbol.iterator]();
  }
  reset() {
    this.operations = 0;
    this.scans = 0;
    this.touched.clear();
  }
}

describe("Unanswered-questions log: erasure cost", () => {
  /** A log of `records` questions from 1,000 conversations, plus three from the one to erase. */
  async function logOf(records: number) {
    const map = new CountingMap();
    const log = createUnansweredLog(new Keyv<unknown>({ store: map, namespace: "unanswered-asked" }), {
      ttlMs: 30 * DAY,
    });
    const conversations = 1_000;
    const perConversation = records / conversations;
    await Promise.all(
      Array.from({ length: conversations }, async (_, c) => {
        for (let q = 0; q < perConversation; q++) await ask(log, `web:c${c}`, `question ${c} ${q}`);
      }),
    );
    for (const text of ["Busan store?", "Jeju shipping?", "Card 4242 refused?"]) {
      await ask(log, "web:target", text);
    }
    map.reset();
    return { log, map };
  }

  it("touches only the conversation's records, as many operations at 100,000 records as at 1,000", {
    timeout: 120_000,
  }, async () => {
    const small = await logOf(1_000);
    expect(await small.log.eraseConversation("web:target")).toBe(3);
    const large = await logOf(100_000);
    expect(await large.log.eraseConversation("web:target")).toBe(3);
    expect(large.map.scans).toBe(0);
    expect(large.map.operations).toBe(small.map.operations);
    expect([...large.map.touched].every((key) => key.startsWith("unanswered-asked:web:target#"))).toBe(true);
    expect(large.map.size).toBe(100_000 + 1_000); // every other conversation's questions and counters
  });
});
