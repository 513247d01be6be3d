/**
 * "My account was hacked": the one definition of an account-takeover report, English and Korean.
 * The escalation policy hands such a conversation to a person at once and ticket scoring makes
 * the ticket urgent, so both read the same patterns. Korean has no word boundaries and free
 * spacing ("계정 도용" / "계정도용"), so its patterns allow optional spaces instead of `\b`.
 */
export const ACCOUNT_TAKEOVER_PATTERNS: readonly RegExp[] = [
  // Word-bounded: "hackathon" is not a break-in.
  /\bhack(?:ed|er|ers|ing)?\b/i,
  /\baccount (?:takeover|(?:(?:is|was|got|has been) )?(?:compromised|stolen))\b/i,
  /\bcompromised account\b/i,
  /\bsomeone (?:logged|got|broke) into\b/i,
  /\bunauthori[sz]ed (?:login|access|sign[- ]?in)\b/i,
  /해킹/,
  /계정\s*(?:도용|탈취)/,
  /도용/,
  /누가\s*(?:제\s*|내\s*)?계정/,
];

/** True when the message reports that someone else got into the customer's account. */
export function reportsAccountTakeover(text: string): boolean {
  return ACCOUNT_TAKEOVER_PATTERNS.some((pattern) => pattern.test(text));
}
