/**
 * Personal-data redaction for text that leaves our process (LLM calls) or is kept longer than the
 * conversation (logs, transcripts). Detection is pattern-based and deliberately conservative about
 * what it leaves alone: order numbers, ticket ids, dates and amounts are business data the bot and
 * the desk need, so only values with a recognisable personal shape are replaced.
 */

/** What kind of personal data a placeholder stands for. */
export type PiiKind = "email" | "phone" | "card" | "rrn";

/** One redacted value: its kind and the placeholder that replaced it (never the value itself). */
export interface PiiFinding {
  kind: PiiKind;
  placeholder: string;
}

/** The result of {@link redactPii}. */
export interface Redaction {
  /** The input with every detected value replaced by a placeholder such as `[EMAIL_1]`. */
  text: string;
  /** One finding per distinct value, in order of first appearance. */
  found: PiiFinding[];
  /**
   * Puts the original values back into text that contains this redaction's placeholders (e.g. a
   * model's answer). Placeholders this redaction did not produce are left as they are.
   */
  restore(textWithPlaceholders: string): string;
}

export interface RedactOptions {
  /** Which kinds to redact; all of them by default. */
  kinds?: readonly PiiKind[];
}

const LABELS: Record<PiiKind, string> = { email: "EMAIL", phone: "PHONE", card: "CARD", rrn: "RRN" };

/** Matches any placeholder {@link redactPii} can produce, e.g. `[CARD_2]`. */
export const PII_PLACEHOLDER = /\[(?:EMAIL|PHONE|CARD|RRN)_\d+\]/g;

// Token boundaries are ASCII-only on purpose: Korean particles attach directly to numbers and
// addresses ("010-1234-5678로", "주민번호900101-1234567"), so Hangul must count as a boundary.
// A leading letter, digit, `_` or `-` means the digits belong to a larger token such as an order
// number ("ORD-2024-000123") or a placeholder ("[CARD_1]"), which stays untouched.
const START = "(?<![A-Za-z0-9_\\-])";
const END = "(?![A-Za-z0-9_\\-])";

interface Detector {
  kind: PiiKind;
  pattern: RegExp;
  accept(match: string): boolean;
  /** Canonical form, so the same value written twice gets the same placeholder. */
  canonical(match: string): string;
}

const digitsOf = (value: string): string => value.replace(/\D/g, "");

// Order matters: resident numbers before cards (13 digits could pass Luhn), cards before phones.
const DETECTORS: readonly Detector[] = [
  {
    kind: "email",
    pattern: /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g,
    accept: () => true,
    canonical: (match) => match.toLowerCase(),
  },
  {
    // Korean resident registration number: YYMMDD-GNNNNNN, G = 1–8 (1–4 citizens, 5–8 foreigners).
    // No checksum test: numbers issued since October 2020 no longer carry a valid one.
    kind: "rrn",
    pattern: new RegExp(
      `${START}\\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01])[-– ]?[1-8]\\d{6}${END}`,
      "g",
    ),
    accept: () => true,
    canonical: digitsOf,
  },
  {
    kind: "card",
    pattern: new RegExp(`${START}\\d(?:[ -]?\\d){12,18}${END}`, "g"),
    accept: (match) => cardGrouping(match) && luhn(digitsOf(match)),
    canonical: digitsOf,
  },
  {
    kind: "phone",
    pattern: new RegExp(
      [
        // International: +82 10-1234-5678, +82 (0)2 123 4567, +1 (415) 555-0132, +821012345678
        `(?<![A-Za-z0-9_])\\+\\d{1,3}(?:[ .-]?(?:\\(\\d{1,4}\\)|\\d{1,5})){1,5}${END}`,
        // Korean mobile, separators optional: 010-1234-5678, 010 1234 5678, 01012345678
        `${START}01[016789][ .-]?\\d{3,4}[ .-]?\\d{4}${END}`,
        // Korean landline, separators required: 02-123-4567, 031-123-4567, (02) 123-4567
        `${START}\\(?0(?:2|[3-6][1-5]|70)\\)?[ .-]\\d{3,4}[ .-]\\d{4}${END}`,
        // North American style, separators required: 415-555-0132, (415) 555-0132
        `${START}\\(?\\d{3}\\)?[ .-]\\d{3}[ .-]\\d{4}${END}`,
      ].join("|"),
      "g",
    ),
    accept: (match) => {
      const count = digitsOf(match).length;
      return count >= 9 && count <= 15;
    },
    canonical: digitsOf,
  },
];

/**
 * Replaces e-mail addresses, phone numbers (Korean and international), payment card numbers
 * (13–19 digits, Luhn-checked) and Korean resident registration numbers with numbered placeholders
 * (`[EMAIL_1]`, `[PHONE_1]`, `[CARD_1]`, `[RRN_1]`). The same value always gets the same placeholder.
 * Order-number-like tokens (letters or dashes glued to the digits) are kept.
 */
export function redactPii(text: string, options: RedactOptions = {}): Redaction {
  const kinds = new Set<PiiKind>(options.kinds ?? ["email", "phone", "card", "rrn"]);
  const originals = new Map<string, string>();
  const byCanonical = new Map<string, string>();
  const found: PiiFinding[] = [];
  const counters = new Map<PiiKind, number>();

  const placeholderFor = (kind: PiiKind, value: string, canonical: string): string => {
    const key = `${kind}:${canonical}`;
    const existing = byCanonical.get(key);
    if (existing) return existing;
    let n = counters.get(kind) ?? 0;
    let placeholder: string;
    // Skip numbers the input already contains literally, so restore() cannot confuse them.
    do {
      n += 1;
      placeholder = `[${LABELS[kind]}_${n}]`;
    } while (text.includes(placeholder));
    counters.set(kind, n);
    byCanonical.set(key, placeholder);
    originals.set(placeholder, value);
    found.push({ kind, placeholder });
    return placeholder;
  };

  let redacted = text;
  for (const detector of DETECTORS) {
    if (!kinds.has(detector.kind)) continue;
    redacted = redacted.replace(detector.pattern, (match) =>
      detector.accept(match) ? placeholderFor(detector.kind, match, detector.canonical(match)) : match,
    );
  }

  return {
    text: redacted,
    found,
    restore: (withPlaceholders) =>
      withPlaceholders.replace(PII_PLACEHOLDER, (placeholder) => originals.get(placeholder) ?? placeholder),
  };
}

/** Placeholders in `text` (e.g. a model's output), in order, without repeats. */
export function placeholdersIn(text: string): string[] {
  return [...new Set(text.match(PII_PLACEHOLDER) ?? [])];
}

/** Luhn checksum, as used by every major card network. */
function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/**
 * Cards are written unbroken or in the networks' groupings (4-4-4-4[-3], Amex 4-6-5, Diners 4-6-4).
 * Requiring one of these keeps "20240115-000123"-style order and invoice numbers out.
 */
function cardGrouping(match: string): boolean {
  const groups = match.split(/[ -]/).map((group) => group.length);
  if (groups.length === 1) return true;
  const shape = groups.join("-");
  if (shape === "4-6-5" || shape === "4-6-4") return true;
  const last = groups.at(-1) ?? 0;
  return groups.slice(0, -1).every((length) => length === 4) && last >= 1 && last <= 4;
}
