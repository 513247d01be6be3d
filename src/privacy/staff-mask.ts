import { type PiiKind, redactPii } from "./pii.ts";

const digitsOf = (value: string): string => value.replace(/\D/g, "");

/** How a value of each kind reads on a staff screen: enough to recognise it, not to use it. */
const MASKS: Record<PiiKind, (value: string) => string> = {
  // Last four digits, as receipts print them.
  card: (value) => `•••• ${digitsOf(value).slice(-4)}`,
  // First letter of the mailbox and the domain: "j•••@example.com".
  email: (value) => {
    const at = value.lastIndexOf("@");
    return `${value.slice(0, 1)}•••@${value.slice(at + 1)}`;
  },
  // Last two digits: enough to tell two numbers apart, too few to call.
  phone: (value) => `•••-••${digitsOf(value).slice(-2)}`,
  rrn: () => "••••••-•••••••",
};

/**
 * Masks personal data for staff screens (hand-off summaries, desk packets and threads, Slack, the
 * gaps report): card numbers keep their last 4 digits, e-mail addresses their first letter and
 * domain, phone numbers their last 2 digits; resident numbers are hidden entirely. Detection is
 * {@link redactPii}'s, so the same values that never reach an LLM never reach a staff list either.
 * The original stays in the transcript, for the conversation's owner.
 */
export function maskPii(text: string): string {
  const redaction = redactPii(text);
  let masked = redaction.text;
  for (const finding of redaction.found) {
    masked = masked.replaceAll(
      finding.placeholder,
      MASKS[finding.kind](redaction.restore(finding.placeholder)),
    );
  }
  return masked;
}
