import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_FEATURE_CONFIG, extractHashedFeatures } from "../../src/understanding/features/hashing.ts";
import { normalizeText, tokenize } from "../../src/understanding/features/normalize.ts";
import { l2Norm } from "../../src/understanding/features/sparse.ts";
import { lightStem } from "../../src/understanding/features/stem.ts";
import { fitTfidf, tfidfFromJSON } from "../../src/understanding/features/tfidf.ts";

describe("normalisation and tokens", () => {
  it("folds width, case, URLs, e-mails and numbers", () => {
    const n = normalizeText("ＲＥＦＵＮＤ see https://x.io/a?b=1 or mail me@x.com, I waited 14 days");
    expect(n).toContain("refund");
    expect(n).toContain("urltoken");
    expect(n).toContain("emailtoken");
    expect(tokenize(n)).toContain("numtoken");
  });

  it("replaces e-mail addresses exactly as the former pattern did, in linear time (property test)", () => {
    const former = /\b[\w.+-]+@[\w-]+\.[\w.-]+\b/gu;
    const pieces = ["a", "Z", "1", "_", ".", "+", "-", "@", " ", "é", "가", ",", "co", "\n", "!"];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 20 }), (parts) => {
        const text = parts.join("");
        const expected = text
          .normalize("NFKC")
          .toLowerCase()
          .replace(former, " emailtoken ")
          .replace(/(^|\s)@\w+/gu, "$1 usertoken ");
        expect(normalizeText(text)).toBe(expected);
      }),
      { numRuns: 20_000 },
    );
  });

  it("keeps emoji and Korean as tokens and joins apostrophes", () => {
    expect(tokenize(normalizeText("I don't ❤️ 환불해주세요!"))).toEqual([
      "i",
      "dont",
      "❤",
      "환불해주세요",
      "!",
    ]);
  });

  it("stems lightly", () => {
    expect(lightStem("refunds")).toBe(lightStem("refunded"));
    expect(lightStem("charges")).toBe(lightStem("charged"));
    expect(lightStem("환불")).toBe("환불");
  });
});

describe("hashed features and TF-IDF", () => {
  it("is deterministic and gives Korean syllable n-grams", () => {
    const a = extractHashedFeatures("환불해 주세요", DEFAULT_FEATURE_CONFIG);
    const b = extractHashedFeatures("환불해 주세요", DEFAULT_FEATURE_CONFIG);
    expect([...a.charHashes]).toEqual([...b.charHashes]);
    expect(a.charHashes.length).toBeGreaterThan(6);
    // Spacing variants still share syllable n-grams ("환불" in both).
    const c = extractHashedFeatures("환불 해주세요", DEFAULT_FEATURE_CONFIG);
    const shared = [...a.charHashes].filter((h) => c.charHashes.includes(h));
    expect(shared.length).toBeGreaterThan(3);
  });

  it("tokenizes ASCII text (fast path) exactly like the regex path", () => {
    const ascii = "Hi!! My card_2 has NOT arrived, 14 days?? don't-care x";
    // An em dash is not a token character but keeps the text off the ASCII fast path.
    const unicode = `${ascii} —`;
    const a = extractHashedFeatures(ascii, DEFAULT_FEATURE_CONFIG);
    const wa = [...a.wordHashes];
    const ca = [...a.charHashes];
    const b = extractHashedFeatures(unicode, DEFAULT_FEATURE_CONFIG);
    expect([...b.wordHashes]).toEqual(wa);
    expect([...b.charHashes]).toEqual(ca);
  });

  it("produces unit-length vectors and survives a JSON round trip", () => {
    const v = fitTfidf(["where is my card", "my card has not arrived", "I want a refund"]);
    const x = v.transform("card not arrived");
    expect(l2Norm(x.vector.values)).toBeCloseTo(1, 5);
    expect(x.knownWordRatio).toBe(1);
    const restored = tfidfFromJSON(JSON.parse(JSON.stringify(v.toJSON())));
    const y = restored.transform("card not arrived");
    expect([...y.vector.indices]).toEqual([...x.vector.indices]);
    expect([...y.vector.values]).toEqual([...x.vector.values]);
  });

  it("returns an empty vector for text with no known feature", () => {
    const v = fitTfidf(["hello there"]);
    expect(v.transform("").vector.indices.length).toBe(0);
    expect(v.transform("😀").vector.indices.length).toBe(0);
  });
});
