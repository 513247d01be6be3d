/**
 * Every sentence the bot says outside the knowledge base, in each supported language.
 * `{name}` placeholders are filled by {@link translate}.
 */
import { abuseMessagesEn, abuseMessagesKo } from "./abuse-messages.ts";
import { conversationMessagesEn, conversationMessagesKo } from "./conversation-messages.ts";
import { faqDepthMessagesEn, faqDepthMessagesKo } from "./faq-depth-messages.ts";
import { ticketMessagesEn, ticketMessagesKo } from "./ticket-messages.ts";

export const catalog = {
  en: {
    ...ticketMessagesEn,
    ...abuseMessagesEn,
    ...faqDepthMessagesEn,
    ...conversationMessagesEn,
    "fallback.text":
      "Sorry, I don't have an answer for that yet. I can help with questions like {topics}. You can rephrase your question, or I can get a person from our team to help.",
    "fallback.human": "Talk to a person",
    "clarify.text": "I want to be sure I answer the right question. Did you mean one of these?",
    "clarify.none": "None of these",
    "clarify.expired": "That choice is no longer available. Please ask your question again.",
    "escalate.text":
      "I've passed your conversation to our support team. A person will reply here as soon as possible, and you can keep writing in the meantime.",
    "empty.text": "I'm here to help. What's your question?",
    "error.text": "Sorry, something went wrong on our side. Please try again in a moment.",
    "help.text":
      "I'm {bot}, the support assistant. Ask me a question in your own words. Commands: **/ticket** open a ticket, **/status** your tickets, **/human** talk to a person, **/lang en|ko** change language, **/forget** erase your data, **/help** this message.",
    "lang.changed": "OK, I'll answer in English from now on.",
    "lang.unknown": "I can answer in English (**/lang en**) or Korean (**/lang ko**).",
    "command.unknown": "I don't know the command /{command}. Type **/help** to see what I can do.",
    "smalltalk.greeting": "Hi! I'm {bot}, the support assistant. What can I help you with?",
    "smalltalk.greetingAgain": "Hello again! What else can I help you with?",
    "smalltalk.thanks": "You're welcome! Is there anything else I can help with?",
    "smalltalk.goodbye": "Thanks for reaching out. Have a good day, and come back any time!",
    "upset.escalate":
      "I've flagged this as a priority for our support team, and a person will pick it up as soon as possible. You can add any details here in the meantime.",
    "private.moved":
      "This involves your personal details, so I've moved it to a private thread with you. Let's continue there.",
    "private.link":
      "This involves your personal details, so let's not discuss it here. Tap the button to continue in a private chat with me.",
    "private.button": "Continue privately",
    "private.unavailable":
      "This involves your personal details, so please don't share them here. Send me a direct message and I'll help you there.",
    "private.continue": "Let's continue privately. You asked:",
    "handoff.joined": "{agent} from support has joined the conversation.",
    "handoff.closed": "{agent} has closed this conversation. Thanks for your patience!",
    "handoff.returned":
      "You're back with the assistant. Ask me anything, or type **/human** to reach a person again.",
    "handoff.expired":
      "Our support agent has stepped away, so I'm back to help. If you still need a person, type **/human**.",
    "escalate.stuck":
      "I'm sorry I couldn't find the right answer for you. I've asked a person from our team to help, and they'll reply here.",
    "handoff.unavailable":
      "I'm sorry, I couldn't reach our support team just now. Please try **/human** again in a few minutes; meanwhile I'll keep helping as best I can.",
    "handoff.queued":
      "You're already in the queue for a person; they'll reply here. Anything you add is passed on.",
    "buttons.choose": "Reply with a number:",
    "topics.separator": ", ",
  },
  ko: {
    ...ticketMessagesKo,
    ...abuseMessagesKo,
    ...faqDepthMessagesKo,
    ...conversationMessagesKo,
    "fallback.text":
      "죄송해요, 아직 그 질문에는 답변드리기 어려워요. 예를 들어 {topics} 같은 질문에 답해 드릴 수 있어요. 질문을 다르게 표현해 주시거나, 상담원 연결을 요청하실 수 있어요.",
    "fallback.human": "상담원 연결",
    "clarify.text": "정확한 답변을 드리고 싶어요. 혹시 아래 중 하나를 물어보신 건가요?",
    "clarify.none": "해당 없음",
    "clarify.expired": "더 이상 선택할 수 없는 항목이에요. 질문을 다시 입력해 주세요.",
    "escalate.text":
      "상담팀에 대화를 전달했어요. 담당자가 최대한 빨리 이곳으로 답변드릴게요. 그동안 추가로 남기실 내용이 있으면 편하게 적어 주세요.",
    "empty.text": "무엇을 도와드릴까요? 궁금한 점을 말씀해 주세요.",
    "error.text": "죄송해요, 일시적인 오류가 발생했어요. 잠시 후 다시 시도해 주세요.",
    "help.text":
      "저는 상담 도우미 {bot}예요. 궁금한 점을 편하게 물어보세요. 명령어: **/ticket** 문의 접수, **/status** 문의 현황, **/human** 상담원 연결, **/lang en|ko** 언어 변경, **/forget** 내 정보 삭제, **/help** 도움말.",
    "lang.changed": "알겠어요. 이제부터 한국어로 답변드릴게요.",
    "lang.unknown": "영어(**/lang en**) 또는 한국어(**/lang ko**)로 답변할 수 있어요.",
    "command.unknown":
      "/{command} 명령어는 지원하지 않아요. **/help** 를 입력하면 사용할 수 있는 기능을 볼 수 있어요.",
    "smalltalk.greeting": "안녕하세요! 상담 도우미 {bot}예요. 무엇을 도와드릴까요?",
    "smalltalk.greetingAgain": "다시 만나 반가워요! 또 어떤 걸 도와드릴까요?",
    "smalltalk.thanks": "천만에요! 더 궁금한 점이 있으시면 말씀해 주세요.",
    "smalltalk.goodbye": "문의해 주셔서 감사합니다. 좋은 하루 보내세요. 언제든 다시 찾아 주세요!",
    "upset.escalate":
      "상담팀에 우선 처리 건으로 전달했어요. 담당자가 최대한 빨리 확인할 예정이에요. 그동안 추가로 알려 주실 내용이 있으면 이곳에 남겨 주세요.",
    "private.moved": "개인 정보가 필요한 문의라서 비공개 스레드로 옮겼어요. 그곳에서 이어서 도와드릴게요.",
    "private.link":
      "개인 정보가 필요한 문의라서 이곳에서는 다루지 않을게요. 버튼을 눌러 저와 1:1 대화로 이어가 주세요.",
    "private.button": "1:1 대화로 계속하기",
    "private.unavailable":
      "개인 정보가 필요한 문의예요. 이곳에는 개인 정보를 남기지 마시고, 저에게 개인 메시지를 보내 주세요.",
    "private.continue": "1:1 대화로 이어갈게요. 문의하신 내용:",
    "handoff.joined": "상담원 {agent}님이 대화에 참여했어요.",
    "handoff.closed": "{agent}님이 상담을 종료했어요. 기다려 주셔서 감사합니다!",
    "handoff.returned":
      "다시 상담 도우미가 도와드릴게요. 궁금한 점을 물어보시거나, 상담원이 필요하면 **/human** 을 입력하세요.",
    "handoff.expired":
      "상담원이 잠시 자리를 비워 다시 상담 도우미가 도와드릴게요. 상담원이 필요하시면 **/human** 을 입력하세요.",
    "escalate.stuck":
      "원하시는 답변을 찾아 드리지 못해 죄송해요. 상담팀 담당자에게 도움을 요청했으니, 이곳으로 답변드릴 거예요.",
    "handoff.unavailable":
      "죄송해요, 지금은 상담팀에 연결하지 못했어요. 몇 분 뒤에 **/human** 을 다시 입력해 주세요. 그동안 제가 최대한 도와드릴게요.",
    "handoff.queued":
      "이미 상담원 연결을 요청하셨어요. 담당자가 이곳으로 답변드릴 예정이며, 추가로 남기신 내용도 함께 전달돼요.",
    "buttons.choose": "번호로 답해 주세요:",
    "topics.separator": ", ",
  },
} as const;

export type MessageKey = keyof (typeof catalog)["en"];
export type SupportedLanguage = keyof typeof catalog;
export const SUPPORTED_LANGUAGES = Object.keys(catalog) as SupportedLanguage[];
