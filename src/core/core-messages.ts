import { defineMessages } from "../i18n/define-messages.ts";

/** What the core itself says: when a turn fails, how to pick a button by number, a button that expired. */
export const coreMessages = defineMessages("core", {
  en: {
    "clarify.expired": "That choice is no longer available. Please ask your question again.",
    "error.text": "Sorry, something went wrong on our side. Please try again in a moment.",
    "buttons.choose": "Reply with a number:",
  },
  ko: {
    "clarify.expired": "더 이상 선택할 수 없는 항목이에요. 질문을 다시 입력해 주세요.",
    "error.text": "죄송해요, 일시적인 오류가 발생했어요. 잠시 후 다시 시도해 주세요.",
    "buttons.choose": "번호로 답해 주세요:",
  },
});
