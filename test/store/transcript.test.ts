import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  TRANSCRIPT_MAX_REPLIES,
  TRANSCRIPT_MAX_TEXT_CHARS,
  type TranscriptEntry,
} from "../../src/core/transcript.ts";
import type { KeyvFactory } from "../../src/store/create-keyv.ts";
import { createKeyvTranscriptStore } from "../../src/store/keyv-transcript.ts";
import { storeBackends } from "./backends.ts";

const backends = await storeBackends("transcript");
afterAll(async () => {
  for (const backend of backends) await backend.cleanup();
});

function entry(n: number, overrides: Partial<TranscriptEntry> = {}): TranscriptEntry {
  return {
    at: 1_767_225_600_000 + n * 1_000,
    eventId: `evt-${n}`,
    userId: "user-1",
    displayName: "Ana",
    type: "message",
    text: n % 2 ? `¿Dónde está mi pedido ${n}?` : `Where is my order ${n}?`,
    trace: {
      action: "answer",
      flow: "faq",
      faqId: "order-status",
      candidates: [{ id: "order-status", score: 0.91 }],
      sentiment: { label: "neutral", score: 0 },
      language: n % 2 ? "es" : "en",
    },
    replies: [
      {
        text: "**Orders** ship within 2 days.",
        buttons: [{ kind: "action", label: "Open a ticket", action: "ticket" }],
        language: "en",
      },
    ],
    ...overrides,
  };
}

describe.each(backends)("Keyv transcript store: $kind", (backend) => {
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
  const transcriptIn = (name: string, options: { maxEntries?: number; ttlMs?: number } = {}) =>
    createKeyvTranscriptStore(stores.namespace<TranscriptEntry[]>(backend.ns(name)), options);

  it("lists appended entries in order, unchanged", async () => {
    const transcript = transcriptIn("order");
    const entries = [entry(1), entry(2), entry(3, { type: "action", text: "ticket" })];
    for (const item of entries) await transcript.append("web:site:conv-1", item);
    expect(await transcript.list("web:site:conv-1")).toEqual(entries);
  });

  it("lists nothing for a conversation it never saw", async () => {
    expect(await transcriptIn("unknown").list("web:site:nobody")).toEqual([]);
  });

  it("erases one conversation and leaves the others", async () => {
    const transcript = transcriptIn("erase");
    await transcript.append("telegram:42", entry(1));
    await transcript.append("telegram:42", entry(2));
    await transcript.append("discord:7:9", entry(3));
    await transcript.erase("telegram:42");
    expect(await transcript.list("telegram:42")).toEqual([]);
    expect(await transcript.list("discord:7:9")).toEqual([entry(3)]);
    await transcript.append("telegram:42", entry(4));
    expect(await transcript.list("telegram:42")).toEqual([entry(4)]);
  });

  it("keeps only the most recent maxEntries", async () => {
    const transcript = transcriptIn("bounded", { maxEntries: 5 });
    for (let n = 0; n < 8; n++) await transcript.append("web:site:long", entry(n));
    expect(await transcript.list("web:site:long")).toEqual([3, 4, 5, 6, 7].map((n) => entry(n)));
  });

  it("keeps at most 8,000 characters of a 1 MB message and of each reply, marked as cut", async () => {
    const transcript = transcriptIn("cut");
    const huge = "가".repeat(1_000_000);
    const many = Array.from({ length: TRANSCRIPT_MAX_REPLIES + 5 }, (_, i) => ({ text: `reply ${i}` }));
    await transcript.append("web:site:huge", entry(1, { text: huge, replies: [{ text: huge }] }));
    await transcript.append("web:site:huge", entry(2, { replies: many }));
    await transcript.append("web:site:huge", entry(3));
    const [first, second, third] = await transcript.list("web:site:huge");
    expect(first?.text).toHaveLength(TRANSCRIPT_MAX_TEXT_CHARS);
    expect(first?.text.endsWith("가…")).toBe(true);
    expect(first?.replies[0]?.text).toHaveLength(TRANSCRIPT_MAX_TEXT_CHARS);
    expect(first?.cut).toBe(true);
    expect(second?.replies).toEqual(many.slice(0, TRANSCRIPT_MAX_REPLIES));
    expect(second?.cut).toBe(true);
    // What fits is kept as it was, unmarked.
    expect(third).toEqual(entry(3));
  });

  it("never cuts between the two halves of a surrogate pair", async () => {
    const transcript = transcriptIn("surrogates");
    await transcript.append("web:site:emoji", entry(1, { text: "😀".repeat(TRANSCRIPT_MAX_TEXT_CHARS) }));
    const [kept] = await transcript.list("web:site:emoji");
    expect(kept?.text.endsWith("😀…")).toBe(true);
    expect(kept?.text).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });

  it("rejects an invalid entry and keeps what was there", async () => {
    const transcript = transcriptIn("invalid");
    await transcript.append("web:site:conv", entry(1));
    const invalid = { ...entry(2), type: "shout" } as unknown as TranscriptEntry;
    await expect(transcript.append("web:site:conv", invalid)).rejects.toThrow();
    expect(await transcript.list("web:site:conv")).toEqual([entry(1)]);
  });

  it("drops a conversation's record after ttlMs", async () => {
    const transcript = transcriptIn("ttl", { ttlMs: 50 });
    await transcript.append("web:site:short", entry(1));
    expect(await transcript.list("web:site:short")).toEqual([entry(1)]);
    await sleep(120);
    expect(await transcript.list("web:site:short")).toEqual([]);
  });

  it.skipIf(!backend.persistent)("keeps transcripts, and erasures, across a restart", async () => {
    const name = backend.ns("restart");
    const first = backend.open();
    const before = createKeyvTranscriptStore(first.namespace<TranscriptEntry[]>(name));
    await before.append("slack:T1:C1", entry(1));
    await before.append("slack:T1:C2", entry(2));
    await before.erase("slack:T1:C2");
    await first.close();

    const second = backend.open();
    try {
      const after = createKeyvTranscriptStore(second.namespace<TranscriptEntry[]>(name));
      expect(await after.list("slack:T1:C1")).toEqual([entry(1)]);
      expect(await after.list("slack:T1:C2")).toEqual([]);
    } finally {
      await second.close();
    }
  });
});
