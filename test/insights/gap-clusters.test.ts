import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../src/app/create-app.ts";
import { clusterGaps } from "../../src/insights/gaps/gap-clusters.ts";
import { isGapNoise } from "../../src/insights/gaps/gap-noise.ts";
import { createTestApp, hasFixtureKb } from "../helpers/bot-harness.ts";
import { GAP_GROUPS, recordGapGroups } from "./gap-seed.ts";

const NOISE = [
  "ok",
  "yes",
  "help",
  "thanks!",
  "hello",
  "Hi there",
  "네",
  "감사합니다",
  "안녕하세요",
  "👍",
  "lol",
  "도와주세요",
  "ㅋㅋㅋ",
];
const PII = ["jane.doe@example.com", "010-1234-5678", "1234-5678"];

/** Equal up to case and punctuation: the log keeps a question's latest wording. */
const same = (a: string, b: string) => {
  const plain = (text: string) => text.toLowerCase().replace(/[?!.]/g, "").trim();
  return plain(a) === plain(b);
};

describe("noise is not a gap", () => {
  it("leaves out acknowledgements, greetings and one-word non-questions, keeps one-word questions", () => {
    for (const text of NOISE) expect(isGapNoise(text), text).toBe(true);
    for (const text of ["refund?", "환불?", "Do you sell gift cards?", "기프트카드 판매하나요?"])
      expect(isGapNoise(text), text).toBe(false);
  });
});

describe.skipIf(!hasFixtureKb)("FAQ gaps as clusters (EN + KO paraphrases, noise, personal data)", () => {
  let app: App;
  beforeAll(async () => {
    app = await createTestApp();
    await recordGapGroups(app.unanswered, "g");
    // The first gift-card wording asked again in another conversation: counts add up.
    await app.unanswered.record({
      text: "do you sell gift cards",
      language: "en",
      nearest: [],
      conversation: "web:again",
    });
    for (const text of NOISE) {
      await app.unanswered.record({
        text,
        language: /[가-힣]/.test(text) ? "ko" : "en",
        nearest: [],
        conversation: "web:noise",
      });
    }
  });
  afterAll(() => app?.close());

  it("puts each paraphrase group in a cluster of its own and drops the noise", async () => {
    const clusters = clusterGaps(await app.unanswered.list(1000), app.knowledge.current());
    const clusterOf = (text: string) =>
      clusters.findIndex((cluster) => cluster.questions.some((q) => same(q.text, text)));
    const masked = (text: string) =>
      text.replace("jane.doe@example.com", "j•••@example.com").replace("010-1234-5678", "•••-••78");
    const seen = new Set<number>();
    for (const [name, group] of Object.entries(GAP_GROUPS)) {
      const indexes = new Set(group.texts.map((text) => clusterOf(masked(text))));
      expect([...indexes], name).toHaveLength(1);
      const [index] = [...indexes] as [number];
      expect(index, name).toBeGreaterThanOrEqual(0);
      expect(seen.has(index), `${name} shares a cluster`).toBe(false);
      seen.add(index);
      const cluster = clusters[index];
      expect(cluster?.questions).toHaveLength(group.texts.length);
      expect(cluster?.languages).toEqual([group.language]);
    }
    expect(clusters).toHaveLength(Object.keys(GAP_GROUPS).length);
    const giftCards = clusters[clusterOf("Do you sell gift cards?")];
    expect(giftCards?.count).toBe(5);
    expect(giftCards?.questions[0]).toMatchObject({ count: 2 });
    expect(clusters[0]).toBe(giftCards);
    for (const cluster of clusters) expect(cluster.closest?.entryId).toMatch(/^[a-z0-9-]+$/);

    const json = JSON.stringify(clusters);
    for (const value of PII) expect(json).not.toContain(value);
    for (const text of NOISE) expect(clusterOf(text)).toBe(-1);
  });
});
