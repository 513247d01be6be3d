import { defineMessages } from "../i18n/define-messages.ts";

/** Notices to blocked and flooding users. */
export const abuseMessages = defineMessages("abuse", {
  en: {
    "abuse.slowDown":
      "You're sending messages faster than I can read them, so I'm pausing for a moment. Please wait about {seconds} seconds, then write again; messages sent before then are not read.",
    "abuse.blocked":
      "You can no longer message support here. If you think this is a mistake, please contact us another way (for example by email) and we'll look into it.",
  },
  ko: {
    "abuse.slowDown":
      "메시지가 너무 빠르게 들어오고 있어 잠시 응답을 멈출게요. 약 {seconds}초 뒤에 다시 보내 주세요. 그 전에 보내신 메시지는 확인되지 않아요.",
    "abuse.blocked":
      "이곳에서는 더 이상 고객 지원에 메시지를 보내실 수 없어요. 착오라고 생각되시면 이메일 등 다른 방법으로 문의해 주세요. 확인해 드릴게요.",
  },
});
