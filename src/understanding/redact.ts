import { PII_PLACEHOLDER, redactPii } from "../privacy/pii.ts";

const TYPED: Record<string, string> = { EMAIL: "<email>", PHONE: "<phone>", CARD: "<card>", RRN: "<rrn>" };

/**
 * The message as classification and retrieval see it: e-mail addresses, phone numbers, card numbers
 * and Korean resident numbers replaced by typed placeholders (`<email>`, `<phone>`, `<card>`,
 * `<rrn>`), with the same detection the LLM layer applies before a request leaves the process.
 * Digits of a phone number must not look like an order number, nor an address like a question.
 */
export function redactForUnderstanding(text: string): string {
  const redaction = redactPii(text);
  if (redaction.found.length === 0) return text;
  return redaction.text.replace(PII_PLACEHOLDER, (placeholder) => {
    const kind = placeholder.slice(1, placeholder.indexOf("_"));
    return TYPED[kind] ?? "<data>";
  });
}
