/**
 * Reading a message in its conversation: is it an elliptical follow-up ("and on Android?",
 * "안드로이드는요?") that needs the previous topic, and does it ask two things at once?
 */
import { analyze } from "./analyze.ts";

const FOLLOW_UP_EN =
  /^\s*(?:and|also|what about|how about|what if|then|so|but|ok(?:ay)?,?\s+(?:and|so|but)?|wait)\b/i;
const FOLLOW_UP_KO = /(?:는요|은요|이면요|면요|라면요|도요|도 돼요|도 되나요)\s*[?？]?\s*$/;
const FOLLOW_UP_KO_START = /^\s*(?:그럼|그러면|그리고|그 전에|그건|그거|근데|또)\b/;

/** Number of content tokens (stems and Korean word stems) in a text. */
export function contentWords(text: string): number {
  return analyze(text, { concepts: false }).filter((token) => token.kind !== "h").length;
}

/**
 * A short message that leans on the previous turn: few content words, or opening like a
 * continuation ("and…", "what about…", "그럼…") or ending like a Korean elliptical question ("…는요?").
 */
export function isFollowUp(text: string): boolean {
  const count = contentWords(text);
  if (count === 0 || count > 6) return false;
  if (FOLLOW_UP_EN.test(text) || FOLLOW_UP_KO_START.test(text)) return true;
  return count <= 3 && FOLLOW_UP_KO.test(text) && /[\uac00-\ud7a3]/.test(text);
}

// Where one question ends and another begins: a question mark followed by more text, a
// semicolon, ", and", "also", "separately", Korean "그리고" / "또" / "…고요,".
const SPLIT =
  /(?<=[?？])\s+(?=\S)|;\s*|,\s*(?:and\s+)?(?:also|separately|plus)\b,?\s*|,\s+and\s+(?=(?:how|what|can|could|is|are|do|does|will|where|when|why|which|who|should|i|my)\b)|\.\s+(?:also|and)\s+|\s+also,?\s+(?=(?:how|what|can|could|is|are|do|does|will|where|when|why|which|who|should)\b)|\s*(?:그리고|그리고요|또한|또)\s+|(?<=[가-힣])(?:고요?|는데요?|는지),?\s+(?=\S+\s+\S)/giu;

/** The message cut into questions (one part when it asks one thing). Parts with too little to search are merged back. */
export function splitQuestions(text: string): string[] {
  const pieces = text
    .split(SPLIT)
    .map((piece) => piece.replace(/^\s*(?:and|also|plus|separately)\b[,\s]*/i, "").trim())
    .filter((piece) => piece !== "");
  const parts: string[] = [];
  for (const piece of pieces) {
    if (parts.length > 0 && contentWords(piece) < 1) parts[parts.length - 1] = `${parts.at(-1)} ${piece}`;
    else parts.push(piece);
  }
  if (parts.length > 1 && contentWords(parts[0] ?? "") < 1) {
    const [first = "", second = "", ...rest] = parts;
    return [`${first} ${second}`, ...rest];
  }
  return parts;
}
