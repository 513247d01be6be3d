/** How a text is written: Hangul or Latin letters (scores of Korean messages live lower). */
export type Script = "hangul" | "latin";

const HANGUL_CHAR = /[\uac00-\ud7a3\u3131-\u318e]/gu;
const LATIN_CHAR = /\p{Script=Latin}/gu;

/** Hangul when the text has at least as many Hangul syllables as Latin letters ("PayPal로 결제돼요?"). */
export function writingSystem(text: string): Script {
  const hangul = text.match(HANGUL_CHAR)?.length ?? 0;
  const latin = text.match(LATIN_CHAR)?.length ?? 0;
  return hangul > 0 && hangul * 2 >= latin ? "hangul" : "latin";
}
