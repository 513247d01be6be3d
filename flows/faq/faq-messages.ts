import { defineMessages } from "../../src/i18n/define-messages.ts";

/** The FAQ feature's sentences: fallback, clarify, feedback, step-by-step answers, ticket offers. */
export const faqMessages = defineMessages("faq", {
  en: {
    "faq.helpful": "👍 Helpful",
    "faq.notHelpful": "👎 Not helpful",
    "faq.thanksHelpful": "Glad it helped!",
    "faq.sorryNotHelpful": "Sorry about that. I can open a ticket for our team, or get a person to help.",
    "faq.stepsButton": "Show me step by step",
    "faq.stepsIntro": "Here it is step by step:",
    "faq.ticketOffer": "If this doesn't solve it, I can open a ticket for our team.",
    "fallback.text":
      "Sorry, I don't have an answer for that yet. I can help with questions like {topics}. You can rephrase your question, or I can get a person from our team to help.",
    "fallback.human": "Talk to a person",
    "clarify.text": "I want to be sure I answer the right question. Did you mean one of these?",
    "clarify.none": "None of these",
    "empty.text": "I'm here to help. What's your question?",
    "topics.separator": ", ",
  },
  ko: {
    "faq.helpful": "👍 도움 됐어요",
    "faq.notHelpful": "👎 도움 안 됐어요",
    "faq.thanksHelpful": "도움이 되었다니 다행이에요!",
    "faq.sorryNotHelpful": "죄송해요. 상담팀에 문의를 접수하거나 상담원을 연결해 드릴 수 있어요.",
    "faq.stepsButton": "단계별로 보기",
    "faq.stepsIntro": "단계별로 알려 드릴게요:",
    "faq.ticketOffer": "이걸로 해결되지 않으면 상담팀에 문의를 접수해 드릴게요.",
    "fallback.text":
      "죄송해요, 아직 그 질문에는 답변드리기 어려워요. 예를 들어 {topics} 같은 질문에 답해 드릴 수 있어요. 질문을 다르게 표현해 주시거나, 상담원 연결을 요청하실 수 있어요.",
    "fallback.human": "상담원 연결",
    "clarify.text": "정확한 답변을 드리고 싶어요. 혹시 아래 중 하나를 물어보신 건가요?",
    "clarify.none": "해당 없음",
    "empty.text": "무엇을 도와드릴까요? 궁금한 점을 말씀해 주세요.",
    "topics.separator": ", ",
  },
});
