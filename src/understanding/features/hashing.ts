import { normalizeText } from "./normalize.ts";
import { lightStem } from "./stem.ts";

/** Which n-grams a text is turned into. */
export interface FeatureConfig {
  /** Longest word n-gram (1 = unigrams, 2 = unigrams and bigrams). */
  wordNgramMax: number;
  /** Shortest and longest character n-gram taken inside each word (with boundary marks); 0 disables. */
  charNgramMin: number;
  charNgramMax: number;
  /**
   * Character n-gram range for words in Hangul or Han/kana script, where one character carries about
   * as much as a Latin syllable or word (so shorter grams, including single syllables).
   */
  cjkNgramMin: number;
  cjkNgramMax: number;
  /** Apply the light English stemmer to word features. */
  stem: boolean;
  /**
   * Take CJK character n-grams across the spaces between consecutive CJK words, so "재미 없다" and
   * "재미없다" share "재미없" (Korean spacing in user text is unreliable). Optional; default false.
   */
  cjkJoinWords?: boolean | undefined;
  /**
   * Latin-script words shorter than this get no character n-grams ("my", "to": their word feature
   * already says everything). Optional; default 0 (all words).
   */
  charMinWordLength?: number | undefined;
}

/** Sensible defaults for short support messages in English and Korean. */
export const DEFAULT_FEATURE_CONFIG: FeatureConfig = {
  wordNgramMax: 2,
  charNgramMin: 3,
  charNgramMax: 5,
  cjkNgramMin: 1,
  cjkNgramMax: 3,
  stem: true,
};

/**
 * Hashed features of one text, with repeats (a hash occurring twice is counted twice). Word n-grams
 * and character n-grams are kept apart because they are normalised as separate blocks. The arrays
 * are views of reused buffers: valid until the next call to {@link extractHashedFeatures}.
 */
export interface HashedFeatures {
  wordHashes: Uint32Array;
  charHashes: Uint32Array;
  /** The word unigram hashes in text order (used for out-of-vocabulary measures). */
  unigramHashes: Uint32Array;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const BIGRAM_SEED = 0x5bd1e995;
const CHAR_SEED = 0x27d4eb2f;
const BOUNDARY_START = 0x02;
const BOUNDARY_END = 0x03;
const DIGITS_RE = /^\p{N}+$/u;
// Group 1: a word; group 2: one emoji; group 3: "!" or "?".
const TOKEN_RE = /([\p{L}\p{M}\p{N}_]+)|(\p{Extended_Pictographic})|([!?])/gu;

/** FNV-1a hash of a string's UTF-16 code units. */
function hashString(text: string, seed = FNV_OFFSET): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME);
  }
  return h >>> 0;
}

function mix(a: number, b: number): number {
  let h = Math.imul(a ^ BIGRAM_SEED, 0x9e3779b1) ^ b;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  return (h ^ (h >>> 13)) >>> 0;
}

/** True when the word's first character is Hangul, kana or a Han ideograph. */
function isCjk(token: string): boolean {
  const c = token.charCodeAt(0);
  return (c >= 0xac00 && c <= 0xd7a3) || (c >= 0x1100 && c <= 0x11ff) || (c >= 0x3040 && c <= 0x9fff);
}

/** A growable Uint32 list, reused across calls to avoid allocation on the hot path. */
class HashList {
  data = new Uint32Array(512);
  length = 0;
  push(h: number): void {
    if (this.length === this.data.length) {
      const next = new Uint32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = h;
  }
  /** A view of the collected hashes; valid until the next extraction (callers consume it at once). */
  take(): Uint32Array {
    const out = this.data.subarray(0, this.length);
    this.length = 0;
    return out;
  }
}

const words = new HashList();
const chars = new HashList();
const unigrams = new HashList();

function pushCharNgrams(token: string, min: number, max: number): void {
  const n = token.length + 2;
  for (let start = 0; start < n - 1; start++) {
    let h = CHAR_SEED;
    const end = Math.min(n, start + max);
    for (let i = start; i < end; i++) {
      h ^= i === 0 ? BOUNDARY_START : i === n - 1 ? BOUNDARY_END : token.charCodeAt(i - 1);
      h = Math.imul(h, FNV_PRIME);
      const len = i - start + 1;
      // A lone boundary mark is not a feature.
      if (len >= min && !(len === 1 && start === 0)) chars.push(h >>> 0);
    }
  }
}

let cjkRun = "";

function flushCjkRun(config: FeatureConfig): void {
  if (cjkRun !== "" && config.cjkNgramMin > 0) pushCharNgrams(cjkRun, config.cjkNgramMin, config.cjkNgramMax);
  cjkRun = "";
}

/**
 * Turns a raw text into hashed word n-grams and character n-grams. Character n-grams stay inside
 * words, which is what makes Korean (agglutinative, unreliable spacing) work without a tokenizer.
 */
export function extractHashedFeatures(text: string, config: FeatureConfig): HashedFeatures {
  const normalized = normalizeText(text);
  previous = -1;
  previous2 = -1;
  if (isPlainAscii(normalized)) scanAscii(normalized, config);
  else
    for (const match of normalized.matchAll(TOKEN_RE)) visitToken(match[0], match[1] !== undefined, config);
  flushCjkRun(config);
  return { wordHashes: words.take(), charHashes: chars.take(), unigramHashes: unigrams.take() };
}

let previous = -1;
let previous2 = -1;

function visitToken(raw: string, isWord: boolean, config: FeatureConfig): void {
  const token = isWord && DIGITS_RE.test(raw) ? "numtoken" : raw;
  const h = hashString(config.stem && isWord ? lightStem(token) : token);
  unigrams.push(h);
  words.push(h);
  if (config.wordNgramMax >= 2 && previous !== -1) words.push(mix(previous, h));
  if (config.wordNgramMax >= 3 && previous2 !== -1) words.push(mix(mix(previous2, previous), h));
  previous2 = previous;
  previous = h;
  if (!isWord) {
    flushCjkRun(config);
    return;
  }
  if (isCjk(token)) {
    if (config.cjkJoinWords) cjkRun += token;
    else if (config.cjkNgramMin > 0) pushCharNgrams(token, config.cjkNgramMin, config.cjkNgramMax);
  } else {
    flushCjkRun(config);
    if (config.charNgramMin > 0 && token.length >= (config.charMinWordLength ?? 0)) {
      pushCharNgrams(token, config.charNgramMin, config.charNgramMax);
    }
  }
}

function isPlainAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** The same tokens as TOKEN_RE for ASCII text (most chat), without the regex engine's match objects. */
function scanAscii(text: string, config: FeatureConfig): void {
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 32;
    const wordChar = (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95 || (c >= 65 && c <= 90);
    if (wordChar) {
      if (start < 0) start = i;
      continue;
    }
    if (start >= 0) {
      visitToken(text.slice(start, i), true, config);
      start = -1;
    }
    if (c === 33 || c === 63) visitToken(c === 33 ? "!" : "?", false, config);
  }
}
