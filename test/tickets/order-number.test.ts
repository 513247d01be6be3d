import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { extractOrderNumber, parseOrderNumberReply } from "../../src/tickets/order-number.ts";

/** The labelled pattern before issue 11: three adjacent `\s*` made it cubic on long space runs. */
const FORMER_LABELLED =
  /(?:order(?:\s*(?:number|no\.?|#|id))?|주문\s*번호|주문)\s*(?:is|은|는|:|#)?\s*[:#]?\s*([A-Za-z0-9][A-Za-z0-9-]{2,63})/i;

function formerExtract(text: string): string | undefined {
  for (const pattern of [FORMER_LABELLED, /#(\d{4,20})\b/, /\b([A-Z]{2,5}-\d[\d-]{3,40})\b/]) {
    const candidate = pattern.exec(text)?.[1];
    if (candidate && /\d/.test(candidate) && !/^T-\d+$/i.test(candidate)) return candidate;
  }
  return undefined;
}

describe("order numbers in free text", () => {
  it("finds labelled, hashed and shop-style numbers in English and Korean", () => {
    expect(extractOrderNumber("my order number is PM-2024-0012, thanks")).toBe("PM-2024-0012");
    expect(extractOrderNumber("order: 12345")).toBe("12345");
    expect(extractOrderNumber("주문 번호는 A-1234 입니다")).toBe("A-1234");
    expect(extractOrderNumber("주문번호 98765")).toBe("98765");
    expect(extractOrderNumber("it was #123456")).toBe("123456");
    expect(extractOrderNumber("about ticket T-1042")).toBeUndefined();
    expect(parseOrderNumberReply("#A1B2C3")).toEqual({ ok: true, value: "A1B2C3" });
  });

  it("finds what the former pattern found (property test, the former pattern as oracle)", () => {
    const pieces = ["order", "Order", " ", "  ", "is", "number", "no", "no.", "#", ":", "id", "주문", "번호"];
    const more = ["은", "는", "12", "3456", "AB", "-", "x", "T-", "\n"];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces, ...more), { maxLength: 16 }), (parts) => {
        const text = parts.join("");
        expect(extractOrderNumber(text)).toBe(formerExtract(text));
      }),
      { numRuns: 20_000 },
    );
  });
});
