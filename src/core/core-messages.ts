import { defineMessages } from "../i18n/define-messages.ts";

/** What the core itself says: when a turn fails, and how to pick a button by number. */
export const coreMessages = defineMessages("core", {
  en: {
    "error.text": "Sorry, something went wrong on our side. Please try again in a moment.",
    "buttons.choose": "Reply with a number:",
  },
  ko: {
    "error.text": "죄송해요, 일시적인 오류가 발생했어요. 잠시 후 다시 시도해 주세요.",
    "buttons.choose": "번호로 답해 주세요:",
  },
});
