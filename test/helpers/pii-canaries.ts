import { expect } from "vitest";

/** Personal data a customer writes, to check staff screens never show it unmasked. */
export const CANARY = {
  email: "minji.canary@example.com",
  phone: "010-9876-5432",
  card: "4111 1111 1111 1111",
};

/** A customer message carrying all three canaries. */
export const CANARY_MESSAGE = `My card ${CANARY.card} was charged twice for my payment, reach me at ${CANARY.email} or ${CANARY.phone}`;

/** Fails when `shown` contains any canary, in any of the spellings a screen could use. */
export function expectNoCanary(shown: string): void {
  const digits = (value: string) => value.replace(/\D/g, "");
  for (const raw of [
    CANARY.email,
    CANARY.phone,
    digits(CANARY.phone),
    CANARY.card,
    digits(CANARY.card),
    "minji.canary",
  ]) {
    expect(shown).not.toContain(raw);
  }
}
