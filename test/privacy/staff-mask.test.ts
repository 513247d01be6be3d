import { describe, expect, it } from "vitest";
import { maskPii } from "../../src/privacy/staff-mask.ts";
import { CANARY, CANARY_MESSAGE, expectNoCanary } from "../helpers/pii-canaries.ts";

describe("masking personal data for staff screens", () => {
  it("keeps a card's last 4 digits, an address's first letter and domain, a phone's last 2 digits", () => {
    const masked = maskPii(CANARY_MESSAGE);
    expectNoCanary(masked);
    expect(masked).toBe(
      "My card •••• 1111 was charged twice for my payment, reach me at m•••@example.com or •••-••32",
    );
  });

  it("masks every spelling, Korean text around it, and resident numbers", () => {
    const masked = maskPii(`카드 4111111111111111로 결제했어요. 연락처 01098765432, 주민번호 900101-1234567`);
    expect(masked).toBe("카드 •••• 1111로 결제했어요. 연락처 •••-••32, 주민번호 ••••••-•••••••");
  });

  it("leaves order numbers, ticket ids, amounts and dates alone, and is idempotent", () => {
    const text = "Order ORD-2024-000123, ticket T-1001, ₩45,000 on 2026-12-05";
    expect(maskPii(text)).toBe(text);
    const once = maskPii(`${CANARY.card} ${CANARY.email} ${CANARY.phone}`);
    expect(maskPii(once)).toBe(once);
  });
});
