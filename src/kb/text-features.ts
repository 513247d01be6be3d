/**
 * Sparse lexical features for FAQ retrieval, for English and Korean alike. Words (lightly stemmed,
 * stop words dropped) carry most weight; character n-grams match Korean, whose particles and
 * endings attach to words ("비밀번호를", "비밀번호가"), and English typos.
 */

const HANGUL = /[\uac00-\ud7a3]/;

const ENGLISH_STOP_WORDS = new Set(
  (
    "a an the and or but if of to in on at for from by with about as into is are was were be been being am " +
    "do does did doing have has had i me my we our you your he she it its they them their this that these those " +
    "there here what which who whom how when where why can could would should will shall may might must " +
    "please pls hi hello hey just so very really also too than then now any some all get got"
  ).split(" "),
);

// Korean particles and polite endings that say nothing about the topic.
const KOREAN_SUFFIXES = [
  "습니까",
  "인가요",
  "한가요",
  "할까요",
  "하나요",
  "되나요",
  "나요",
  "세요",
  "해요",
  "어요",
  "아요",
  "에요",
  "예요",
  "은",
  "는",
  "이",
  "가",
  "을",
  "를",
  "에",
  "의",
  "도",
  "로",
  "으로",
  "에서",
  "요",
].sort((a, b) => b.length - a.length);

/** Lower-cases, applies NFKC and turns everything but letters and digits into spaces. */
export function normalizeText(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/['’]/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** A deliberately light English stemmer: plural and common verb endings only. */
function stemEnglish(word: string): string {
  if (word.length <= 3) return word;
  if (word.endsWith("ies") && word.length > 4) return `${word.slice(0, -3)}y`;
  if (word.endsWith("ing") && word.length > 5) return word.slice(0, -3);
  if (word.endsWith("ed") && word.length > 4) return word.slice(0, -2);
  if (word.endsWith("es") && /(ss|sh|ch|x)es$/.test(word)) return word.slice(0, -2);
  if (word.endsWith("s") && !word.endsWith("ss")) return word.slice(0, -1);
  return word;
}

function stripKoreanSuffix(word: string): string {
  for (const suffix of KOREAN_SUFFIXES) {
    if (word.length > suffix.length + 1 && word.endsWith(suffix)) return word.slice(0, -suffix.length);
  }
  return word;
}

function addCharGrams(out: Map<string, number>, word: string, sizes: number[], weight: number): void {
  const padded = `<${word}>`;
  for (const n of sizes) {
    for (let i = 0; i + n <= padded.length; i++) {
      const gram = `c:${padded.slice(i, i + n)}`;
      out.set(gram, (out.get(gram) ?? 0) + weight);
    }
  }
}

/**
 * Longest text (UTF-16 code units) whose features are extracted. KB questions are short; a
 * customer's 100 KB paste is not a longer question, and its tail would only cost time.
 */
export const MAX_FEATURE_CHARS = 4000;

/** Term counts for one text: `w:` words, `b:` word bigrams, `c:` character n-grams. */
export function extractFeatures(text: string): Map<string, number> {
  const out = new Map<string, number>();
  const head = text.length > MAX_FEATURE_CHARS ? text.slice(0, MAX_FEATURE_CHARS) : text;
  const words = normalizeText(head).split(" ").filter(Boolean);
  const content: string[] = [];
  for (const word of words) {
    if (HANGUL.test(word)) {
      const stem = stripKoreanSuffix(word);
      content.push(stem);
      out.set(`w:${stem}`, (out.get(`w:${stem}`) ?? 0) + 1);
      addCharGrams(out, stem, [2, 3], 0.5);
    } else if (!ENGLISH_STOP_WORDS.has(word)) {
      const stem = stemEnglish(word);
      content.push(stem);
      out.set(`w:${stem}`, (out.get(`w:${stem}`) ?? 0) + 1);
      if (stem.length >= 5) addCharGrams(out, stem, [4], 0.25);
    }
  }
  for (let i = 0; i + 1 < content.length; i++) {
    const bigram = `b:${content[i]}_${content[i + 1]}`;
    out.set(bigram, (out.get(bigram) ?? 0) + 0.5);
  }
  return out;
}
