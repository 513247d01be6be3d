import type { LanguageResult } from "../../model/understanding.ts";
import { LATIN_DIACRITICS, LATIN_WORDS } from "./latin-words.ts";

const WORD_SETS: ReadonlyArray<readonly [string, ReadonlySet<string>]> = Object.entries(LATIN_WORDS).map(
  ([code, words]) => [code, new Set(words)] as const,
);

interface ScriptCounts {
  hangul: number;
  kana: number;
  han: number;
  cyrillic: number;
  latin: number;
  other: Map<string, number>;
  letters: number;
}

const OTHER_SCRIPTS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\p{Script=Arabic}/u, "ar"],
  [/\p{Script=Hebrew}/u, "he"],
  [/\p{Script=Thai}/u, "th"],
  [/\p{Script=Devanagari}/u, "hi"],
  [/\p{Script=Greek}/u, "el"],
];

function countScripts(text: string): ScriptCounts {
  const counts: ScriptCounts = {
    hangul: 0,
    kana: 0,
    han: 0,
    cyrillic: 0,
    latin: 0,
    other: new Map(),
    letters: 0,
  };
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    if ((c >= 0xac00 && c <= 0xd7a3) || (c >= 0x1100 && c <= 0x11ff) || (c >= 0x3130 && c <= 0x318f))
      counts.hangul++;
    else if ((c >= 0x3040 && c <= 0x30ff) || (c >= 0x31f0 && c <= 0x31ff) || (c >= 0xff66 && c <= 0xff9f))
      counts.kana++;
    else if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf)) counts.han++;
    else if (c >= 0x0400 && c <= 0x04ff) counts.cyrillic++;
    else if (
      (c >= 0x41 && c <= 0x5a) ||
      (c >= 0x61 && c <= 0x7a) ||
      (c >= 0xc0 && c <= 0x24f) ||
      (c >= 0x1e00 && c <= 0x1eff)
    )
      counts.latin++;
    else if (c > 0x7f && /\p{L}/u.test(ch)) {
      const code = OTHER_SCRIPTS.find(([re]) => re.test(ch))?.[1] ?? "und";
      counts.other.set(code, (counts.other.get(code) ?? 0) + 1);
    } else continue;
    counts.letters++;
  }
  return counts;
}

/**
 * Detects the language of a chat message: script first (Hangul → ko, kana → ja, Han → zh, Cyrillic →
 * ru/uk, …), then for Latin script function words and diacritics, defaulting to English — short
 * Latin-script chat ("ok", "refund pls") is English far more often than not. `hint` (the
 * conversation's previous language) decides when the text carries no evidence (digits, emoji, "ok").
 *
 * Mixed Korean/English ("환불 refund 해주세요") is Korean: a Korean speaker writes English product
 * words, rarely the reverse.
 */
export function detectLanguage(text: string, hint?: string): LanguageResult {
  const sample = text.length > 2000 ? text.slice(0, 2000) : text;
  const s = countScripts(sample.normalize("NFC"));
  const fallback = (confidence: number): LanguageResult =>
    hint && hint.length >= 2 ? { code: hint, confidence: 0.5 } : { code: "und", confidence };
  if (s.letters === 0) return fallback(0);
  const ratio = (n: number): number => n / s.letters;
  // Hangul syllables carry 2–3 Latin letters' worth of text each.
  const hangulWeight = s.hangul * 2.5;
  if (s.hangul > 0 && hangulWeight >= s.latin * 0.3) {
    return {
      code: "ko",
      confidence: round(Math.min(1, 0.6 + hangulWeight / (hangulWeight + s.latin + s.han))),
    };
  }
  if (s.kana > 0 && s.kana + s.han >= s.latin * 0.3)
    return { code: "ja", confidence: round(0.6 + 0.4 * ratio(s.kana + s.han)) };
  if (s.han > 0 && s.han * 2 >= s.latin * 0.3)
    return { code: "zh", confidence: round(0.6 + 0.4 * ratio(s.han)) };
  if (s.cyrillic > s.latin) {
    const code = /[іїєґ]/iu.test(sample) ? "uk" : "ru";
    return { code, confidence: round(0.6 + 0.4 * ratio(s.cyrillic)) };
  }
  const other = [...s.other.entries()].sort((a, b) => b[1] - a[1])[0];
  if (other && other[1] > s.latin) return { code: other[0], confidence: round(0.6 + 0.4 * ratio(other[1])) };
  return detectLatin(sample, hint);
}

// Chat tokens used in every language's chats: they say nothing about the language.
const UNIVERSAL = new Set([
  "ok",
  "okay",
  "okey",
  "k",
  "kk",
  "lol",
  "lmao",
  "haha",
  "hahaha",
  "hehe",
  "hmm",
  "wow",
  "omg",
  "oh",
  "ah",
  "uh",
  "um",
  "xd",
]);

function detectLatin(text: string, hint?: string): LanguageResult {
  const lower = text.toLowerCase();
  const tokens = lower.match(/[\p{L}']+/gu) ?? [];
  if (hint && tokens.every((t) => UNIVERSAL.has(t))) return { code: hint, confidence: 0.5 };
  const scores = new Map<string, number>();
  for (const raw of tokens) {
    const token = raw.replace(/'/g, "");
    for (const [code, words] of WORD_SETS)
      if (words.has(token)) scores.set(code, (scores.get(code) ?? 0) + 1);
  }
  for (const [re, code] of LATIN_DIACRITICS) {
    const hits = (lower.match(new RegExp(re.source, "gu")) ?? []).length;
    if (hits > 0) scores.set(code, (scores.get(code) ?? 0) + 1.5 * hits);
  }
  const ranked = [...scores.entries()].sort(
    (a, b) => b[1] - a[1] || (a[0] === "en" ? -1 : b[0] === "en" ? 1 : 0),
  );
  const best = ranked[0];
  const second = ranked[1]?.[1] ?? 0;
  if (!best) {
    // No function word at all: a hint from the conversation beats the English default for short text.
    if (hint && tokens.length <= 3) return { code: hint, confidence: 0.5 };
    return { code: "en", confidence: tokens.length <= 3 ? 0.5 : 0.4 };
  }
  if (best[1] === second && hint && scores.get(hint) === best[1]) return { code: hint, confidence: 0.55 };
  const margin = (best[1] - second) / best[1];
  const evidence = Math.min(1, best[1] / 3);
  return { code: best[0], confidence: round(0.5 + 0.25 * margin + 0.25 * evidence) };
}

function round(x: number): number {
  return Math.round(Math.min(1, Math.max(0, x)) * 1000) / 1000;
}
