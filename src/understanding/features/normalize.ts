/**
 * Text normalisation shared by every offline model, so that training and inference see the same
 * surface forms.
 */

/** Longest input (in UTF-16 code units) the models look at; the rest of a long paste adds cost, not signal. */
export const MAX_MODEL_CHARS = 4000;

const URL_RE = /\b(?:https?:\/\/|www\.)\S+/giu;
// An address starts at its run's first word character (group 1 keeps the `.`, `+`, `-` before it).
// `\b[\w.+-]+@…` did the same but retried from every word boundary of a long "a.a.a.a…" run:
// quadratic, ~100 ms on a 4,000-character message.
const EMAIL_RE = /(?<![\w.+-])([.+-]*)\w[\w.+-]*@[\w-]+\.[\w.-]+\b/gu;
const PLACEHOLDER_RE = /<(email|phone|card|rrn)>/g;
const MENTION_RE = /(^|\s)@\w+/gu;
// Apostrophes inside words are dropped so "don't", "dont" and "don’t" meet.
const APOSTROPHE_RE = /(\p{L})['’‘`](\p{L})/gu;
// Variation selectors, zero-width joiners and skin tones: "❤️" and "❤" are the same emoji to us.
const EMOJI_PARTS_RE = /\u{FE0E}|\u{FE0F}|\u{200D}|\u{1F3FB}|\u{1F3FC}|\u{1F3FD}|\u{1F3FE}|\u{1F3FF}/gu;
const TOKEN_RE = /[\p{L}\p{M}\p{N}_]+|\p{Extended_Pictographic}|[!?]/gu;
const DIGITS_RE = /^\p{N}+$/u;

/** Options for {@link normalizeText}. */
export interface NormalizeOptions {
  /** Truncate to this many characters before normalising (default {@link MAX_MODEL_CHARS}). */
  maxChars?: number;
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

/**
 * NFKC-normalises, lowercases and replaces URLs, e-mail addresses and @mentions by placeholder words,
 * so a link or an address does not look like a new vocabulary item.
 */
export function normalizeText(text: string, options: NormalizeOptions = {}): string {
  const maxChars = options.maxChars ?? MAX_MODEL_CHARS;
  const clipped = text.length > maxChars ? text.slice(0, maxChars) : text;
  // Fast paths: most chat messages are short ASCII with no link, address or apostrophe, and each
  // skipped regex pass is a measurable share of classification time.
  const ascii = isAscii(clipped);
  let out = (ascii ? clipped : clipped.normalize("NFKC")).toLowerCase();
  if (out.includes("http") || out.includes("www.")) out = out.replace(URL_RE, " urltoken ");
  // Typed placeholders of redacted personal data (see understanding/redact.ts) meet the tokens
  // the models learned for raw addresses.
  if (out.includes("<")) out = out.replace(PLACEHOLDER_RE, " $1token ");
  if (out.includes("@")) out = out.replace(EMAIL_RE, "$1 emailtoken ").replace(MENTION_RE, "$1 usertoken ");
  if (!ascii || out.includes("'") || out.includes("`")) out = out.replace(APOSTROPHE_RE, "$1$2");
  if (!ascii) out = out.replace(EMOJI_PARTS_RE, "");
  return out;
}

/**
 * Splits normalised text into word tokens, single emoji and `!`/`?` marks. Numbers become `numtoken`
 * so "2 weeks" and "3 weeks" share features.
 */
export function tokenize(normalized: string): string[] {
  const out: string[] = [];
  for (const match of normalized.matchAll(TOKEN_RE)) {
    const token = match[0];
    out.push(DIGITS_RE.test(token) ? "numtoken" : token);
  }
  return out;
}
