import { defineMessages } from "../../src/i18n/define-messages.ts";

/** Greetings, thanks, goodbyes and acknowledgements. */
export const smalltalkMessages = defineMessages("smalltalk", {
  en: {
    "smalltalk.ack": "👍 Anything else I can help with?",
    "smalltalk.cancelled": "No problem. Is there anything else I can help with?",
    "smalltalk.greeting": "Hi! I'm {bot}, the support assistant. What can I help you with?",
    "smalltalk.greetingAgain": "Hello again! What else can I help you with?",
    "smalltalk.thanks": "You're welcome! Is there anything else I can help with?",
    "smalltalk.goodbye": "Thanks for reaching out. Have a good day, and come back any time!",
  },
  ko: {
    "smalltalk.ack": "👍 더 도와드릴 일이 있을까요?",
    "smalltalk.cancelled": "알겠어요. 더 도와드릴 일이 있을까요?",
    "smalltalk.greeting": "안녕하세요! 상담 도우미 {bot}예요. 무엇을 도와드릴까요?",
    "smalltalk.greetingAgain": "다시 만나 반가워요! 또 어떤 걸 도와드릴까요?",
    "smalltalk.thanks": "천만에요! 더 궁금한 점이 있으시면 말씀해 주세요.",
    "smalltalk.goodbye": "문의해 주셔서 감사합니다. 좋은 하루 보내세요. 언제든 다시 찾아 주세요!",
  },
});
