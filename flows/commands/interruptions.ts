import type { TurnContext } from "../../src/core/context.ts";

/**
 * What can interrupt a step of a form (ticket form, order number, CSAT comment) or a clarify
 * question: giving up, asking for a person, a command, a new question. A step takes only text that
 * fits what it asked; everything else is handled as what it is.
 */

const CANCEL =
  /^(ok(ay)?,?\s+)?(cancel|stop|never ?mind|nvm|forget it|quit|skip( it)?|no thanks|취소|그만|됐어요|됐습니다|안 할래요|필요 없어요|괜찮아요)[.!]*$/i;

/** "cancel", "never mind", "취소", "됐어요": the customer gives up on the step. */
export const isCancel = (text: string): boolean => CANCEL.test(text.trim());

const PERSON =
  /\b(talk|speak|chat)\s+(to|with)\s+(a |an |some |a real |an actual )?(human|person|agent|someone|representative|rep|somebody|people)\b|\b(human|real person|agent|representative),? please\b|\bget me (a |an )?(human|person|agent)\b|(상담원|상담사|사람|직원)\s?(연결|바꿔|불러)|(상담원|상담사|사람)(이랑|과|하고|한테)\s?(얘기|이야기|대화|통화)/i;

/**
 * A request for a person, in the customer's words: the classifier's `human_request`, or plain
 * phrasing when the classifier did not recognise a question it knows (a KB question such as "when
 * will a human reply?" is a question, not a request).
 */
export function asksForPerson(ctx: TurnContext, threshold = 0.5): boolean {
  const intent = ctx.understanding.intent;
  if (intent && !intent.outOfScope && intent.confidence >= threshold) return intent.name === "human_request";
  return PERSON.test(ctx.text);
}

const QUESTION_START =
  /^(how|what|where|when|why|who|which|can|could|do|does|did|is|are|will|would|should|may|any way)\b/i;
const KO_QUESTION =
  /(나요|까요|가요|인가|습니까|ㄹ까|는지|어떻게|어떡해|왜|언제|어디|뭐|무엇|가능|되나|돼요\?|있어요\?|해요\?)/;

/** Reads as a question rather than an answer to one ("how do I export my notes", "import 가능?"). */
export function looksLikeQuestion(text: string): boolean {
  const trimmed = text.trim();
  if (trimmed.endsWith("?") || trimmed.endsWith("？")) return true;
  return QUESTION_START.test(trimmed) || KO_QUESTION.test(trimmed);
}

const ACK =
  /^(ok(ay)?|k|kk|yes|yep|yeah|yup|sure|got it|great|cool|nice|perfect|alright|all right|fine|👍|👌|🙏|🙂|😊|네+|넵|넹|예|응|ㅇㅋ|ㅇㅇ|오케이|알겠어요|알겠습니다|좋아요|확인했어요)[.!~]*$/iu;

/** A bare acknowledgement: "ok", "yes", "👍", "네". Never an unanswered question. */
export const isAcknowledgement = (text: string): boolean => ACK.test(text.trim());
