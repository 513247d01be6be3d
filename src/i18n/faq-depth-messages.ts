/** Sentences of the FAQ's answer depth (step-by-step variants) and of "answer first, then a ticket". */
export const faqDepthMessagesEn = {
  "faq.stepsButton": "Show me step by step",
  "faq.stepsIntro": "Here it is step by step:",
  "faq.ticketOffer": "If this doesn't solve it, I can open a ticket for our team.",
} as const;

export const faqDepthMessagesKo: Record<keyof typeof faqDepthMessagesEn, string> = {
  "faq.stepsButton": "단계별로 보기",
  "faq.stepsIntro": "단계별로 알려 드릴게요:",
  "faq.ticketOffer": "이걸로 해결되지 않으면 상담팀에 문의를 접수해 드릴게요.",
};
