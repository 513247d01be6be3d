/**
 * Text analysis shared by the FAQ engine's index and model: personal data becomes typed tokens,
 * English words are Porter-stemmed with stop words dropped, Hangul words give character bigrams
 * (particles and endings glue onto Korean words, so "환불은", "환불이" and "환불" share "환불").
 */
import { stemmer } from "stemmer";
import { redactPii } from "../../privacy/pii.ts";
import { conceptsOf } from "./concepts.ts";

const HANGUL = /[\uac00-\ud7a3]/;

/**
 * Longest text (UTF-16 code units) analysed. KB questions are short; a customer's 100 KB paste is
 * not a longer question, and its tail would only cost time.
 */
export const MAX_ANALYZED_CHARS = 4000;

/** Words that say nothing about a topic (kept small: "not", "no", "free" carry meaning in a FAQ). */
export const ENGLISH_STOP_WORDS: ReadonlySet<string> = new Set(
  (
    "a an the and or but if of to in on at for from by with about as into is are was were be been being am " +
    "do does did doing done have has had having i im ive id me my mine myself we our ours us you your yours he " +
    "she it its they them their this that these those there here what whats which who whom how when where why " +
    "can could would should will shall may might must please pls plz hi hello hey just so very really also too " +
    "than then now any some all get got getting want wanna need tell know thanks thank ok okay yes still " +
    "one like way many there's theres gonna let lets via else ever"
  ).split(" "),
);

// Korean particles and polite endings, longest first; stripped from the word token only (the
// character bigrams still see the whole word).
const KOREAN_SUFFIXES = [
  "습니까",
  "인가요",
  "한가요",
  "하나요",
  "되나요",
  "할까요",
  "나요",
  "세요",
  "해요",
  "어요",
  "아요",
  "에요",
  "예요",
  "은요",
  "는요",
  "에서",
  "으로",
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
  "요",
].sort((a, b) => b.length - a.length);

/** Korean words (after particle stripping) that carry no topic: negation, "can", "do", fillers. */
const KOREAN_STOP_WORDS: ReadonlySet<string> = new Set(
  (
    "안 못 수 있 돼 되 돼요 되요 해 하 해요 해주 해줘 좀 제 저 저는 제가 내 이 그 저희 뭐 뭔가 어떻게 왜 언제 어디 어디서 " +
    "너무 계속 자꾸 그냥 진짜 정말 혹시 그럼 근데 그리고 또 싶 싶어 싶어요 싶습니다 주세요 해주세요 알려 알려주세요 " +
    "궁금 궁금해요 있어 있나 없이 지금 다시 좀요 것 거 건 게 네 예 아 음 하나 추천해"
  ).split(" "),
);

/** Typed token for each kind of personal data, so an address or a number never reads as words. */
const PII_TOKENS: Record<string, string> = {
  EMAIL: "§email",
  PHONE: "§phone",
  CARD: "§card",
  RRN: "§rrn",
};

/**
 * One analysed token: `w` English stem or Korean stem, `h` Hangul bigram, `p` personal data,
 * `c` a support concept the text names in any words or language (see {@link conceptsOf}).
 */
export interface Token {
  term: string;
  /** The surface word (lower-cased) a `w` token came from; spelling correction works on it. */
  surface?: string;
  kind: "w" | "h" | "p" | "c";
}

// "my e-mail is …", "제 전화번호는 …": the words that introduce a value say nothing about the question.
const VALUE_INTRO_EN =
  /\b(?:(?:and|my|our|the)\s+)*(?:(?:e-?mail|phone|mobile|cell|contact)(?:\s+(?:address|number|no\.?|#))?|card\s+(?:number|no\.?|#))\s*(?:is|was|:|=)?\s*(?=§)/gi;
const VALUE_INTRO_KO =
  /(?:제|저의|내)?\s*(?:이메일|메일|전화번호|전화|휴대폰|핸드폰|폰번호|연락처|카드번호|번호)\s*(?:은|는|이|가|:)?\s*(?=§)/g;

/** The typed placeholders the understanding layer puts in place of personal data (`<email>`, …). */
const TYPED_PLACEHOLDER = /<(email|phone|card|rrn)>/gi;

/**
 * Replaces e-mail, phone, card and resident numbers by typed tokens; long digit runs by `§num`.
 * A message already redacted by the understanding layer (`<email>`, `<phone>`, …) reads the same
 * as the message with the data in it.
 */
export function maskPersonalData(text: string): string {
  const head = text.length > MAX_ANALYZED_CHARS ? text.slice(0, MAX_ANALYZED_CHARS) : text;
  return redactPii(head)
    .text.replace(/\[(EMAIL|PHONE|CARD|RRN)_\d+\]/g, (_, kind: string) => ` ${PII_TOKENS[kind] ?? ""} `)
    .replace(TYPED_PLACEHOLDER, (_, kind: string) => ` ${PII_TOKENS[kind.toUpperCase()] ?? ""} `)
    .replace(/(?<![\p{L}\p{N}])[\p{L}]{0,4}[-#]?\d{5,}(?![\p{N}])/gu, " §num ")
    .replace(/\s+/g, " ")
    .replace(VALUE_INTRO_EN, "")
    .replace(VALUE_INTRO_KO, "")
    .replace(/(§[a-z]+)\s*(?:이고요?|인데요?|이에요|입니다|이구요|예요|이요)(?![가-힣])/g, "$1");
}

const stemCache = new Map<string, string>();

/** Porter stem, cached (the KB's vocabulary is small and customers repeat words). */
function stemWord(word: string): string {
  let stem = stemCache.get(word);
  if (stem === undefined) {
    stem = stemmer(word);
    if (stemCache.size > 50_000) stemCache.clear();
    stemCache.set(word, stem);
  }
  return stem;
}

export function stripKoreanSuffix(word: string): string {
  for (const suffix of KOREAN_SUFFIXES) {
    if (word.length > suffix.length + 1 && word.endsWith(suffix)) return word.slice(0, -suffix.length);
  }
  return word;
}

const PARTICLE: ReadonlySet<string> = new Set(KOREAN_SUFFIXES);

/**
 * A Latin word with Korean glued on ("Evernote에서", "PayPal로") is two words: the
 * Latin one is stemmed as English, and a particle or ending after it is dropped.
 */
function separateScripts(text: string): string {
  return text.replace(/([\p{Script=Latin}\d])([\uac00-\ud7a3]+)/gu, (_, latin: string, hangul: string) =>
    PARTICLE.has(hangul) ? latin : `${latin} ${hangul}`,
  );
}

/** Lower-cased words of a text after masking personal data (NFKC, apostrophes dropped). */
export function words(text: string): string[] {
  return separateScripts(maskPersonalData(text).normalize("NFKC").toLowerCase())
    .replace(/['’]/g, "")
    .split(/[^\p{L}\p{N}§]+/u)
    .filter((word) => word !== "");
}

/**
 * Words the customer wrote as names (lower-cased): capitalised inside a sentence ("a refund from
 * Steam"), with a capital inside ("PayPal", "iCloud") or in capitals ("VAT"). Spelling correction
 * leaves them alone: a product name is not a typo of a KB word.
 */
export function properNouns(text: string): Set<string> {
  const out = new Set<string>();
  const head = text.length > MAX_ANALYZED_CHARS ? text.slice(0, MAX_ANALYZED_CHARS) : text;
  let sentenceStart = true;
  let last = 0;
  for (const match of head.matchAll(/\p{L}[\p{L}\p{N}'’]*/gu)) {
    const word = match[0];
    const start = match.index ?? 0;
    // A sentence starts at the text's start or after ". ", "! ", "? " (only the gap since the last word is read).
    if (/[.!?。！？]/.test(head.slice(last, start))) sentenceStart = true;
    const inner = /\p{Lu}/u.test(word.slice(1));
    const capitalised = /^\p{Lu}/u.test(word) && (!sentenceStart || inner);
    if ((capitalised || inner) && word.length > 1) out.add(word.toLowerCase().replace(/['’]/g, ""));
    sentenceStart = false;
    last = start + word.length;
  }
  return out;
}

/**
 * Well-known services customers also use, as they write them in lower case or in Hangul (where
 * capitals cannot mark a name): "인스타그램 비밀번호" is Instagram's password, not ours, unless the
 * KB itself names the service.
 */
const OTHER_SERVICES: ReadonlySet<string> = new Set(
  (
    "netflix instagram facebook whatsapp youtube tiktok twitter spotify amazon steam xbox playstation " +
    "disney hulu uber airbnb paypal venmo gmail outlook icloud dropbox slack discord telegram kakao " +
    "kakaotalk naver coupang 넷플릭스 인스타그램 인스타 페이스북 페북 왓츠앱 유튜브 틱톡 트위터 스포티파이 " +
    "아마존 스팀 엑스박스 플레이스테이션 디즈니 우버 에어비앤비 페이팔 지메일 아이클라우드 드롭박스 슬랙 " +
    "디스코드 텔레그램 카카오 카카오톡 카톡 카카오뱅크 카뱅 토스 네이버 쿠팡 배민 배달의민족 당근 당근마켓 " +
    "라인 멜론 왓챠 티빙 웨이브"
  ).split(" "),
);

/** Names of other services a text mentions (lower-cased surface words or Korean word stems). */
export function otherServices(text: string): Set<string> {
  const out = new Set<string>();
  for (const word of words(text)) {
    if (OTHER_SERVICES.has(word)) out.add(word);
    else if (HANGUL.test(word)) {
      const stem = stripKoreanSuffix(word);
      if (OTHER_SERVICES.has(stem)) out.add(stem);
    }
  }
  return out;
}

/**
 * Analyses a text into tokens (see {@link Token}). `concepts: false` leaves out the concept tokens
 * (callers that only count or compare the words).
 */
export function analyze(text: string, options: { concepts?: boolean } = {}): Token[] {
  const out: Token[] = [];
  for (const word of words(text)) {
    if (word.startsWith("§")) {
      out.push({ term: word, kind: "p" });
    } else if (HANGUL.test(word)) {
      // Bigrams come from the stem: polite endings ("…어요", "…나요") are shared by every question.
      const stem = stripKoreanSuffix(word);
      if (KOREAN_STOP_WORDS.has(stem) || KOREAN_STOP_WORDS.has(word)) continue;
      out.push({ term: stem, kind: "w" });
      for (let i = 0; i + 2 <= stem.length; i++) out.push({ term: `#${stem.slice(i, i + 2)}`, kind: "h" });
    } else if (!ENGLISH_STOP_WORDS.has(word) && word.length > 1 && !/^\d{1,2}$/.test(word)) {
      out.push({ term: stemWord(word), surface: word, kind: "w" });
    }
  }
  if (options.concepts === false) return out;
  const masked = maskPersonalData(text).normalize("NFKC").replace(/’/g, "'");
  for (const concept of conceptsOf(masked)) out.push({ term: concept, kind: "c" });
  return out;
}
