import { analyze } from "../../kb/engine/analyze.ts";

/**
 * Messages that are not questions for the FAQ: acknowledgements, greetings, thanks, goodbyes,
 * laughter and bare emoji, in English and Korean.
 */
const NOISE =
  /^(ok(ay)?|k+|yes|yep|yeah|yup|no|nope|sure|got it|great|cool|nice|perfect|alright|all right|fine|hi|hello|hey|hiya|yo|good (morning|afternoon|evening)|thanks?( you)?( so much| a lot)?|thx|ty|bye|goodbye|see you|lol|haha+|test(ing)?|help|hmm+|what|\?+|네+|넵|넹|예|응|아니(요)?|ㅇㅋ|ㅇㅇ|ㅋ+|ㅎ+|오케이|알겠어요|알겠습니다|좋아요|확인했어요|안녕(하세요)?|안녕하십니까|감사합니다|감사해요|고마워요|고맙습니다|수고하세요|도와주세요|도움말|헬프)[\s.!~?]*$/iu;
const ONLY_SYMBOLS = /^[\p{P}\p{S}\s]*$/u;
const QUESTION_MARK = /[?？]/;

/**
 * True for a message that is not worth a KB entry: an acknowledgement, a greeting, thanks, or one
 * word that does not ask anything ("ok", "yes", "help"). A single word with a question mark
 * ("refund?") is kept: it asks something.
 */
export function isGapNoise(text: string): boolean {
  const trimmed = text.trim();
  if (trimmed === "" || ONLY_SYMBOLS.test(trimmed) || NOISE.test(trimmed)) return true;
  const words = analyze(trimmed).filter((token) => token.kind === "w");
  return words.length === 0 || (words.length === 1 && !QUESTION_MARK.test(trimmed) && !/\s/.test(trimmed));
}
