import { describe, expect, it } from "vitest";
import { placeholdersIn, redactPii } from "../../src/privacy/pii.ts";

describe("redactPii", () => {
  it.each([
    ["email", "Contact me at jane.doe+work@mail.example.co.uk please", "Contact me at [EMAIL_1] please"],
    ["email in Korean", "kim@example.com으로 보내 주세요", "[EMAIL_1]으로 보내 주세요"],
    ["Korean mobile", "010-1234-5678로 연락 주세요", "[PHONE_1]로 연락 주세요"],
    ["Korean mobile, spaces", "번호는 010 1234 5678 입니다", "번호는 [PHONE_1] 입니다"],
    ["Korean mobile, no separators", "01012345678", "[PHONE_1]"],
    ["Korean landline", "사무실 02-123-4567", "사무실 [PHONE_1]"],
    ["+82", "call +82 10-1234-5678 now", "call [PHONE_1] now"],
    ["+82 compact", "+821012345678", "[PHONE_1]"],
    ["international", "UK: +44 20 7946 0958.", "UK: [PHONE_1]."],
    ["North American", "Call (415) 555-0132 or 415-555-0199", "Call [PHONE_1] or [PHONE_2]"],
    ["Visa, spaced", "card 4111 1111 1111 1111 expires", "card [CARD_1] expires"],
    ["Mastercard, dashed", "카드번호 5555-5555-5555-4444 입니다", "카드번호 [CARD_1] 입니다"],
    ["Amex 4-6-5", "Amex 3782 822463 10005", "Amex [CARD_1]"],
    ["card unbroken", "4012888888881881", "[CARD_1]"],
    ["RRN", "주민번호 900101-1234567 입니다", "주민번호 [RRN_1] 입니다"],
    ["RRN glued to Hangul", "주민등록번호는900101-2234567이에요", "주민등록번호는[RRN_1]이에요"],
    ["RRN without dash", "RRN 0012314123456", "RRN [RRN_1]"],
  ])("redacts %s", (_kind, input, expected) => {
    expect(redactPii(input).text).toBe(expected);
  });

  it.each([
    ["order numbers", "Order ORD-2024-000123 and #A1B2C3 and 주문번호 20240115-000123"],
    ["prefixed long ids", "invoice INV-4111111111111111, ticket T-01012345678"],
    ["a 16-digit number failing Luhn", "reference 4111 1111 1111 1112"],
    ["dates, times and amounts", "2024-01-15 10:30, ₩1,250,000 and $49.99, version 1.2.3"],
    ["a 6-7 number with an impossible date", "code 901301-1234567"],
    ["short numbers", "room 1234, pin 0000, 3 items, 14일"],
  ])("leaves %s alone", (_kind, input) => {
    const result = redactPii(input);
    expect(result.text).toBe(input);
    expect(result.found).toEqual([]);
  });

  it("numbers each kind separately and reuses a placeholder for a repeated value", () => {
    const result = redactPii(
      "a@x.io, b@x.io, A@X.IO; 010-1111-2222 / 01011112222; card 4111-1111-1111-1111 and 900101-1234567",
    );
    expect(result.text).toBe(
      "[EMAIL_1], [EMAIL_2], [EMAIL_1]; [PHONE_1] / [PHONE_1]; card [CARD_1] and [RRN_1]",
    );
    expect(result.found).toEqual([
      { kind: "email", placeholder: "[EMAIL_1]" },
      { kind: "email", placeholder: "[EMAIL_2]" },
      { kind: "rrn", placeholder: "[RRN_1]" },
      { kind: "card", placeholder: "[CARD_1]" },
      { kind: "phone", placeholder: "[PHONE_1]" },
    ]);
  });

  it("restores only its own placeholders", () => {
    const result = redactPii("mail kim@example.com, call 010-1234-5678");
    expect(result.restore("We wrote to [EMAIL_1] and will call [PHONE_1], not [PHONE_2] or [EMAIL_9].")).toBe(
      "We wrote to kim@example.com and will call 010-1234-5678, not [PHONE_2] or [EMAIL_9].",
    );
  });

  it("does not confuse a placeholder the customer typed with a real value", () => {
    const result = redactPii("my text has [EMAIL_1] in it and kim@example.com");
    expect(result.text).toBe("my text has [EMAIL_1] in it and [EMAIL_2]");
    expect(result.restore(result.text)).toBe("my text has [EMAIL_1] in it and kim@example.com");
  });

  it("can be limited to some kinds (e.g. logs that keep phone numbers)", () => {
    expect(redactPii("kim@example.com 010-1234-5678", { kinds: ["email"] }).text).toBe(
      "[EMAIL_1] 010-1234-5678",
    );
  });

  it("is idempotent on its own output", () => {
    const once = redactPii("kim@example.com 4111 1111 1111 1111 900101-1234567 +82 10 1234 5678").text;
    expect(redactPii(once).text).toBe(once);
    expect(placeholdersIn(once)).toEqual(["[EMAIL_1]", "[CARD_1]", "[RRN_1]", "[PHONE_1]"]);
  });

  it("never leaves a canary's digits behind in mixed Korean and English text", () => {
    const input =
      "안녕하세요, 제 이메일은 canary.user@example.kr 이고 전화는 +82-10-9876-5432, 카드 5105 1051 0510 5100, 주민번호 850315-1234567 입니다. Order ORD-77.";
    const { text } = redactPii(input);
    for (const canary of ["canary.user", "98765432", "5105", "850315"]) expect(text).not.toContain(canary);
    expect(text).toContain("ORD-77");
  });
});
