/**
 * Intensity signals and emotion cues in English and Korean chat. Each rule names the signal it
 * emits, so flows (and operators reading logs) can see *why* a message was judged heated.
 */

interface Rule {
  signal: string;
  pattern: RegExp;
  /** Contribution to intensity in [0, 1]. */
  weight: number;
  /** The rule does not fire on text this matches (a how-to question is not a threat). */
  unless?: RegExp;
}

/** "How do I cancel my subscription?", "구독은 어떻게 해지하나요?": asking how, not threatening to. */
const HOW_TO_QUESTION =
  /^\s*(how|where|what|when|can|could|may|is it possible|do|does|is there)\b|\b(how (do|can|should) (i|we)|how to|where (do|can) i)\b|어떻게|방법|어디서|어디에서|할 수 있|하나요|되나요|하면 ?(돼|되)/iu;

const RULES: readonly Rule[] = [
  {
    signal: "threat_chargeback",
    pattern: /\b(charge ?backs?|dispute (the|this|a|my) (charge|payment|transaction))\b|지급 ?정지|차지백/iu,
    weight: 0.45,
  },
  { signal: "threat_dispute", pattern: /\bdispute\b|이의 ?제기/iu, weight: 0.3 },
  {
    signal: "threat_cancel",
    pattern:
      /\b(cancel(l?ing)? (my|the) (account|subscription|membership|order)|close my account|switch(ing)? to (a )?(another|different|competitor))\b|해지할|탈퇴할|끊을|다른 ?(곳|데|회사)로/iu,
    weight: 0.3,
    unless: HOW_TO_QUESTION,
  },
  {
    signal: "threat_legal",
    pattern:
      /\b(sue|suing|lawyer|attorney|legal action|court|small claims)\b|소송|고소|변호사|법적 ?(조치|대응)/iu,
    weight: 0.5,
  },
  {
    signal: "threat_report",
    pattern:
      /\b(report(ing)? (you|this|it) to|bbb|better business bureau|consumer protection|ftc|regulator)\b|신고|소비자원|민원 ?(넣|제기)|공정위/iu,
    weight: 0.4,
  },
  {
    signal: "threat_review",
    pattern: /\b(bad|negative|1[- ]star|one[- ]star) review\b|후기 ?(최악|안 ?좋게)|별점 ?(1|하나)/iu,
    weight: 0.25,
  },
  {
    signal: "repeated_contact",
    pattern:
      /\b((second|third|fourth|fifth|\d+(st|nd|rd|th)) time|(two|three|four|five|\d+) times|again and again|(keep|kept) (asking|calling|emailing|writing)|still (waiting|no (reply|answer|response))|for (days|weeks|months) now|yet again)\b|(두|세|네|다섯|몇) ?번째|(두|세|네|다섯|여러|몇) ?번(이나|을|씩|째)?|벌써 ?\d+ ?번|계속 (문의|연락|물어)|아직도|며칠째|몇 ?주째|또 ?(문의|연락)/iu,
    weight: 0.35,
  },
  {
    signal: "profanity",
    pattern:
      /\b(wtf|fuck\w*|shit\w*|bullshit|bs|hell no|screw (you|this))\b|씨발|시발|ㅅㅂ|ㅆㅂ|존나|ㅈㄴ|개같|병신|ㅂㅅ|미친|빡치|빡쳐|좆|썅|염병|지랄/iu,
    weight: 0.35,
  },
  // A mild swear is how people talk to themselves ("damn, forgot my password again"), not anger at us.
  {
    signal: "mild_profanity",
    pattern: /\b(damn\w*|dang|darn\w*|crap\w*|heck|ugh+|argh+)\b|아오|젠장|에휴|에잇/iu,
    weight: 0.1,
  },
  { signal: "annoyed_emoticon", pattern: /ㅡㅡ|-_-|ㅡ\.ㅡ|😤|😡|🤬|😠/u, weight: 0.25 },
  { signal: "crying_emoticon", pattern: /[ㅠㅜ]{2,}|😭|😢|😞|😔|T_T|ㅠ_ㅠ/u, weight: 0.15 },
  {
    signal: "urgent",
    pattern: /\b(asap|urgent(ly)?|right now|immediately|emergency)\b|급해|급합니다|당장|빨리/iu,
    weight: 0.2,
  },
];

const EXCLAIM_RE = /[!！]{2,}|[!?？]{3,}/u;
const CAPS_WORD_RE = /\b[A-Z]{3,}\b/g;
const LETTERS_RE = /\p{Lu}/gu;
const ANY_LETTER_RE = /\p{L}/gu;

/**
 * How often `pattern` (global) matches. Counting as we go, not `match()`: an array of one string
 * per letter of a long message costs more in garbage collection than the matching itself.
 */
function countMatches(text: string, pattern: RegExp): number {
  let count = 0;
  for (const _ of text.matchAll(pattern)) count++;
  return count;
}

/** Intensity verdict: the signals that fired and their combined strength in [0, 1]. */
export interface IntensitySignals {
  signals: string[];
  intensity: number;
}

/** Finds intensity signals (caps, "!!!", threats, repeated contact, swearing, ㅡㅡ/ㅠㅠ). */
export function detectSignals(text: string): IntensitySignals {
  const signals: string[] = [];
  let total = 0;
  for (const rule of RULES) {
    if (rule.pattern.test(text) && !rule.unless?.test(text)) {
      signals.push(rule.signal);
      total += rule.weight;
    }
  }
  if (EXCLAIM_RE.test(text)) {
    signals.push("exclamations");
    total += 0.2;
  }
  let capsWords = 0;
  for (const [word] of text.matchAll(CAPS_WORD_RE)) if (!ACRONYMS.has(word)) capsWords++;
  const upper = countMatches(text, LETTERS_RE);
  const letters = countMatches(text, ANY_LETTER_RE);
  if (capsWords >= 2 || (capsWords >= 1 && letters > 0 && upper / letters > 0.6 && letters >= 6)) {
    signals.push("all_caps");
    total += 0.25;
  } else if (capsWords === 1) {
    signals.push("caps_emphasis");
    total += 0.1;
  }
  // "threat_chargeback" implies a dispute: report the more specific one only.
  const unique = signals.includes("threat_chargeback")
    ? signals.filter((s) => s !== "threat_dispute")
    : signals;
  return { signals: unique, intensity: Math.min(1, total) };
}

// Upper-case words that are just names of things, not shouting.
const ACRONYMS = new Set([
  "USA",
  "API",
  "URL",
  "FAQ",
  "PDF",
  "SMS",
  "ATM",
  "PIN",
  "CEO",
  "VPN",
  "iOS",
  "APP",
  "OTP",
  "USD",
  "KRW",
  "EUR",
  "GBP",
  "ID",
]);

/** Emotion cue counts from word lists (English and Korean). */
export interface EmotionCues {
  anger: number;
  disappointment: number;
  joy: number;
}

const ANGER_RE =
  /\b(angry|anger|furious|mad|pissed|outrag\w*|unacceptable|ridiculous|absurd|disgust\w*|hate|livid|infuriat\w*|fed up|sick of|scam|rip[- ]?off|useless|incompetent|joke|worst|terrible|horrible|awful|pathetic)\b|화나|화났|화가|짜증|열받|빡치|빡쳐|어이없|어이가 없|황당|장난하|장난해|말이 ?돼|말도 ?안|최악|엉망|사기|뭐하는|거지같|쓰레기|분노|불친절|항의|ㅡㅡ/giu;
const DISAPPOINT_RE =
  /\b(disappoint\w*|let ?down|unfortunately|expected (better|more)|sad|sadly|upset|unhappy|dissatisf\w*|regret|shame|not (happy|satisfied)|still (not|hasn'?t|no)|never (arrived|came|got))\b|실망|아쉽|아쉬워|속상|서운|슬프|슬퍼|후회|기대 ?(했는데|이하)|별로|안타깝|ㅠㅠ|ㅜㅜ/giu;
const JOY_RE =
  /\b(happy|glad|great|awesome|amazing|love|lovely|excellent|perfect|fantastic|wonderful|thanks?|thank you|thx|appreciate\w*|delighted|pleased|yay|nice|cool|brilliant|helpful)\b|좋아|좋네|좋았|좋습|좋은|최고|감사|고마|기뻐|기쁘|행복|만족|훌륭|짱|대박|굿|친절하|사랑|ㅋㅋ|ㅎㅎ|\^\^|😀|😃|😄|😁|😊|🙂|😍|🥰|❤️|👍|🎉/giu;

/** Counts emotion cue words (each distinct match once per occurrence). */
export function emotionCues(text: string): EmotionCues {
  return {
    anger: countMatches(text, ANGER_RE),
    disappointment: countMatches(text, DISAPPOINT_RE),
    joy: countMatches(text, JOY_RE),
  };
}
