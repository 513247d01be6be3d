import type { AskKind } from "../model/understanding.ts";

/**
 * What a message asks for, read from cue words in English and Korean. The intent classifier says
 * what a message is about ("refund"); these cues say whether the customer wants to know something
 * ("do you refund purchases?", "환불 되나요?"), wants something done ("I want a refund for order
 * 123", "환불해 주세요"), or is telling us something (a symptom: "can't log in", "앱이 안 켜져요").
 * Flows use the difference to decide whether the FAQ or a built-in intent takes the message.
 */

/** `information`: a question; `action`: a request to do something; `statement`: neither (often a symptom). */
export type { AskKind };

// English cues run on lower-cased text with curly apostrophes straightened.
// "Tell me / explain / I want to know" ask for information even though they are phrased as requests.
const EN_INFO_REQUEST =
  /\b(?:tell me|explain|wondering|(?:want|like|need) to know|curious|show me how|let me know (?:if|whether|how|what|when))\b/;
const EN_ACTION =
  /\b(?:i want|i'd like|i would like|i need|i wanna|i demand|i request|i am requesting|i'm requesting|can you|could you|would you|will you|give me|send me|get me|refund me|my money back)\b|^(?:refund|cancel|reverse|escalate|charge ?back) (?:my|me|it|this|that|the|order|all)\b/;
// "Please" alone makes a request only when nothing else marks a question ("how do I … please?").
const EN_POLITE = /\b(?:please|pls|plz)\b/;
const EN_INFO =
  /^(?:do|does|did|is|are|was|were|can i|could i|may i|should i|will i|would i|how|what|whats|what's|when|where|which|who|why|any)\b|\?\s*$/;

// Korean cues run on text without spaces: spacing varies ("해 주세요", "해주세요").
const KO_INFO_REQUEST = /알려\s*주|알려줘|보여\s*주|설명|궁금|알고\s*싶/;
const KO_ACTION =
  /해\s*주세요|해\s*줘|해\s*주실|해\s*주시|해\s*달라|주세요|원해요|원합니다|원함|싶어요|싶습니다|싶은데|싶다|요청합니다|요청해요|부탁|바랍니다/;
const KO_INFO =
  /나요|까요|가요|는지|인지|어떻게|어떤|무엇|뭐|뭔|언제|어디|얼마|왜|있어요\?|돼요\?|되요\?|[?？]\s*$/;

// "오류가 나요", "에러 나요": 나다 (to occur) ends like the question ending "-나요".
const KO_OCCURS = /(?:오류|에러|문제|버그|소리|렉|충돌|경고)\s*(?:가|이)?\s*나요/g;

/** Cue words live in what a person types in one message; a long paste adds cost, not cues. */
const MAX_CUE_CHARS = 2000;

function clean(text: string): string {
  return text
    .slice(0, MAX_CUE_CHARS)
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .replace(/\s+/g, " ")
    .trim();
}

/** Information, action or statement, from cue words (EN/KO); a cue for information about a request wins. */
export function askOf(text: string): AskKind {
  const t = clean(text);
  if (t === "") return "statement";
  if (/[가-힣]/.test(t)) {
    if (KO_INFO_REQUEST.test(t)) return "information";
    if (KO_ACTION.test(t) || EN_ACTION.test(t)) return "action";
    const asked = t.replace(KO_OCCURS, " ");
    return KO_INFO.test(asked) || EN_INFO.test(asked) ? "information" : "statement";
  }
  if (EN_INFO_REQUEST.test(t)) return "information";
  if (EN_ACTION.test(t)) return "action";
  if (EN_INFO.test(t)) return "information";
  return EN_POLITE.test(t) ? "action" : "statement";
}

const EN_CASE = /\b(?:ticket|case|request|complaint|claim|enquiry|inquiry)s?\b|\bt-\d{3,}\b/;
const EN_STATUS =
  /\b(?:where|status|update|updates|news|progress|happened|happening|going on|how is|how's|any word|heard back|still waiting|still open|follow(?:ed)? up|been (?:answered|resolved|handled)|resolved yet|answered yet)\b/;
// "How do I open a ticket?" is about tickets, not about the state of one.
const EN_NEW_CASE =
  /\b(?:open|create|submit|file|raise|make|start|log)\w* (?:a |an |new |another )*(?:ticket|case|request|complaint|claim)/;
const KO_CASE = /티켓|문의|접수|요청|신고|[tT]-\d{3,}/;
const KO_STATUS =
  /어떻게\s*됐|어떻게\s*되었|어떻게\s*되고\s*있|진행\s*상황|진행\s*중|진행\s*됐|진행이|상태|소식|답변\s*(?:이\s*)?(?:언제|아직|왜)|아직|처리\s*됐|처리\s*되었|됐나요|됐어요\?/;
const KO_NEW_CASE =
  /(?:접수|문의|신고|요청)\s*(?:하려면|하고\s*싶|하는\s*(?:법|방법)|할\s*수)|(?:티켓|문의)\s*(?:을|를)?\s*(?:열|만들|남기)/;

/**
 * True when the message asks about the state of the customer's own ticket or request ("where is my
 * ticket", "any update on T-1042?", "티켓 어떻게 됐어요?"), not merely mentions tickets ("how do I
 * open a ticket?") or carries contact details.
 */
export function asksStatus(text: string): boolean {
  const t = clean(text);
  if (t === "") return false;
  // A bare ticket id ("T-1042?") is a status request.
  if (/^(?:#|t-?)\d{3,}\s*[?？]?$/.test(t)) return true;
  if (KO_CASE.test(t) && KO_STATUS.test(t) && !KO_NEW_CASE.test(t)) return true;
  return EN_CASE.test(t) && EN_STATUS.test(t) && !EN_NEW_CASE.test(t);
}

const EN_NEWCOMER =
  /\b(?:i'?m|i am|im) (?:new|a beginner|a newbie|a noob|not (?:very )?(?:techy|tech[- ]savvy|good with (?:computers|tech|this)))\b|\b(?:first time|never used|beginner|newbie|step[- ]by[- ]step|walk me through)\b|\bjust (?:signed up|started|joined|installed)\b/;
const KO_NEWCOMER = /처음|초보|잘\s*몰라|잘\s*모르|단계별|하나하나|차근차근|자세히\s*알려/;

/** True when the customer says they are new to this or asks to be walked through ("처음이라", "I'm new to this"). */
export function saysNewcomer(text: string): boolean {
  const t = clean(text);
  return EN_NEWCOMER.test(t) || KO_NEWCOMER.test(t);
}

const EN_NEWCOMER_WORDS = new RegExp(
  `(?:${EN_NEWCOMER.source})(?:\\s+(?:to|with|at|here)\\b(?:\\s+(?:this|it|that|all this)\\b)?)?`,
  "gi",
);
const KO_NEWCOMER_WORDS =
  /\S*(?:처음|초보|단계별|하나하나|차근차근)\S*|잘\s*(?:몰라|모르)\S*|자세히\s*알려\S*/g;

/**
 * The message without the words saying the customer is new ("I'm new to this, how do I export my
 * notes?" → ", how do I export my notes?"): they say how to answer, not what the question is about.
 */
export function withoutNewcomerCue(text: string): string {
  return text.replace(/[’‘`]/g, "'").replace(EN_NEWCOMER_WORDS, " ").replace(KO_NEWCOMER_WORDS, " ");
}

const EN_PROBLEM =
  /\b(?:can'?t|cannot|couldn'?t|won'?t|doesn'?t work|does not work|don'?t work|not working|isn'?t working|stopped working|broken|error|errors|crash(?:es|ed|ing)?|fail(?:s|ed|ing)?|stuck|declined|missing|locked out|no longer|freez(?:es|ing)|charged twice|never (?:arrived|showed up|came))\b/;
const KO_PROBLEM =
  /안\s*돼|안\s*되|안\s*켜|안\s*열|안\s*와|안\s*들어가|오류|에러|튕|멈춰|멈춤|실패|거절|없어졌|사라졌|잠겼|못\s*하|못\s*해|못\s*들어|먹통|깨져/;

/** True when the message reports something not working ("can't log in", "앱이 안 켜져요"). */
export function reportsProblem(text: string): boolean {
  const t = clean(text);
  return EN_PROBLEM.test(t) || KO_PROBLEM.test(t);
}
