import { TICKET_LIMITS } from "./ticket-input.ts";

// "order 12345", "order number: PM-2024-0012", "주문번호 12345", "주문 번호는 A-1234", "#123456".
// Each run of spaces is read by one `\s*` only: adjacent `\s*\s*` (the separator being optional)
// split a long run every possible way, cubic time on "order" followed by 80 KB of spaces.
const LABELLED =
  /(?:order(?:\s*(?:number|no\.?|#|id))?|주문\s*번호|주문)\s*(?:(?:is|은|는|:|#)\s*)?(?:[:#]\s*)?([A-Za-z0-9][A-Za-z0-9-]{2,63})/i;
const HASHED = /#(\d{4,20})\b/;
// Shop-style ids like PM-123456 or ORD-2024-778 (two or more letters, so ticket ids T-1001 don't match).
const PREFIXED = /\b([A-Z]{2,5}-\d[\d-]{3,40})\b/;

/**
 * Finds an order number in free text, so the ticket form never asks for one the customer already
 * gave. Requires a digit; ticket ids (`T-1042`) are not order numbers.
 */
export function extractOrderNumber(text: string): string | undefined {
  for (const pattern of [LABELLED, HASHED, PREFIXED]) {
    const candidate = pattern.exec(text)?.[1];
    if (candidate && /\d/.test(candidate) && !/^T-\d+$/i.test(candidate)) return candidate;
  }
  return undefined;
}

/** Validates a reply to "what is the order number?". */
export function parseOrderNumberReply(
  text: string,
): { ok: true; value: string } | { ok: false; issue: "too_long" | "invalid" } {
  const trimmed = text.trim();
  const found = extractOrderNumber(trimmed);
  if (found) return { ok: true, value: found };
  const bare = trimmed.replace(/^#/, "");
  if (bare.length > TICKET_LIMITS.orderNumber) return { ok: false, issue: "too_long" };
  if (/^[A-Za-z0-9][A-Za-z0-9-]{2,}$/.test(bare) && /\d/.test(bare)) return { ok: true, value: bare };
  return { ok: false, issue: "invalid" };
}
