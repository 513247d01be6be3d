import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mentionedAmount, moneyAmounts } from "../../src/handoff/money-amounts.ts";

/**
 * The regexes the tokenizer replaced (quadratic on long digit runs, issue 11): kept here as the
 * oracle, so the tokenizer provably finds the same amounts on short text.
 */
function regexAmount(text: string, krwPerUnit: number): number | undefined {
  const amounts: number[] = [];
  // Extended since with the compound form "1만 5000원" (the rest of the amount after the 만).
  for (const match of text.matchAll(
    /(\d[\d,]*(?:\.\d+)?)\s*(?:만\s*(\d[\d,]*(?:\.\d+)?)\s*원|(만\s*원|원|krw|₩))/gi,
  )) {
    const value = Number((match[1] ?? "").replaceAll(",", ""));
    if (match[2] !== undefined) {
      amounts.push((value * 10_000 + Number(match[2].replaceAll(",", ""))) / krwPerUnit);
      continue;
    }
    amounts.push(((match[3] ?? "").startsWith("만") ? value * 10_000 : value) / krwPerUnit);
  }
  for (const match of text.matchAll(/₩\s*(\d[\d,]*)/g))
    amounts.push(Number((match[1] ?? "").replaceAll(",", "")) / krwPerUnit);
  for (const match of text.matchAll(
    /(?:[$€£]\s*(\d[\d,]*(?:\.\d+)?)|(\d[\d,]*(?:\.\d+)?)\s*(?:usd|eur|dollars?|euros?))/gi,
  )) {
    amounts.push(Number((match[1] ?? match[2] ?? "").replaceAll(",", "")));
  }
  const valid = amounts.filter((amount) => Number.isFinite(amount));
  return valid.length > 0 ? Math.max(...valid) : undefined;
}

describe("money amounts", () => {
  it("reads won and other currencies, written the Korean and the English way", () => {
    expect(moneyAmounts("₩12,000 또는 12,000원, 1.5만원, 3만 원, 5000 KRW")).toEqual([
      { value: 12_000, krw: true },
      { value: 15_000, krw: true },
      { value: 30_000, krw: true },
      { value: 5_000, krw: true },
      { value: 12_000, krw: true },
    ]);
    expect(moneyAmounts("$25, € 30.50, £7, 40 USD, 9 eur, 12 dollars, 3 euros")).toEqual([
      { value: 25, krw: false },
      { value: 30.5, krw: false },
      { value: 7, krw: false },
      { value: 40, krw: false },
      { value: 9, krw: false },
      { value: 12, krw: false },
      { value: 3, krw: false },
    ]);
    expect(mentionedAmount("환불 ₩130,000 부탁드려요", 1300)).toBe(100);
    expect(mentionedAmount("refund my $250.50 order", 1300)).toBe(250.5);
    expect(mentionedAmount("order 12345, ticket T-1001", 1300)).toBeUndefined();
  });

  it("reads won and dollars the same way whichever language names them", () => {
    expect(moneyAmounts("refund 325,000 won please")).toEqual([{ value: 325_000, krw: true }]);
    expect(moneyAmounts("5천원, 3천 원")).toEqual([
      { value: 5_000, krw: true },
      { value: 3_000, krw: true },
    ]);
    expect(moneyAmounts("250달러 환불, 30유로, 120불")).toEqual([
      { value: 250, krw: false },
      { value: 30, krw: false },
      { value: 120, krw: false },
    ]);
    // 불만 (complaint) and 불편 (inconvenience) are not dollars; "wonderful" is not won.
    expect(moneyAmounts("3불만 있어요, 2불편해요, 5 wonderful")).toEqual([]);
    for (const text of [
      "I want a refund of $250",
      "250달러 환불해 주세요",
      "325,000 won refund",
      "32만5천원 환불",
    ])
      expect(mentionedAmount(text, 1300), text).toBeGreaterThan(100);
  });

  it("finds what the former regexes found (property test against them as the oracle)", () => {
    const pieces = ["1", "2", "0", "9", ",", ".", " ", "\n", "\u00a0", "$", "€", "£", "₩", "원", "만"];
    const words = [
      "KRW",
      "krw",
      "usd",
      "USD",
      "eur",
      "euro",
      "euros",
      "dollar",
      "Dollars",
      "refund",
      "환불",
      "a",
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces, ...words), { maxLength: 24 }), (parts) => {
        const text = parts.join("");
        expect(mentionedAmount(text, 1300)).toBe(regexAmount(text, 1300));
      }),
      { numRuns: 20_000 },
    );
  });

  it("ignores numbers too large to compare instead of failing", () => {
    expect(mentionedAmount(`${"9".repeat(400)}원 and $30`, 1300)).toBe(30);
  });
});
