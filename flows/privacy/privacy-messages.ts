import { defineMessages } from "../../src/i18n/define-messages.ts";

/** Privacy sentences: moving to a private conversation, erasure on request. */
export const privacyMessages = defineMessages("privacy", {
  en: {
    "forget.confirm":
      "This will permanently erase your conversation history, your name and the content of your tickets with us (ticket numbers and ratings are kept, without personal data). Continue?",
    "forget.yes": "Yes, erase my data",
    "forget.no": "No, keep it",
    "forget.done":
      "Done. I erased {conversations} conversation(s) and the personal data in {tickets} ticket(s) ({messages} message(s)). Nothing personal is left with us.",
    "forget.kept": "OK, nothing was erased.",
    "private.moved":
      "This involves your personal details, so I've moved it to a private thread with you. Let's continue there.",
    "private.link":
      "This involves your personal details, so let's not discuss it here. Tap the button to continue in a private chat with me.",
    "private.button": "Continue privately",
    "private.unavailable":
      "This involves your personal details, so please don't share them here. Send me a direct message and I'll help you there.",
    "private.continue": "Let's continue privately. You asked:",
  },
  ko: {
    "forget.confirm":
      "대화 기록, 이름, 문의 내용이 영구적으로 삭제돼요(문의 번호와 평가는 개인 정보 없이 남아요). 계속할까요?",
    "forget.yes": "네, 삭제해 주세요",
    "forget.no": "아니요",
    "forget.done":
      "삭제를 완료했어요. 대화 {conversations}건과 문의 {tickets}건({messages}개 메시지)의 개인 정보를 지웠어요. 남아 있는 개인 정보는 없어요.",
    "forget.kept": "알겠어요. 아무것도 삭제하지 않았어요.",
    "private.moved": "개인 정보가 필요한 문의라서 비공개 스레드로 옮겼어요. 그곳에서 이어서 도와드릴게요.",
    "private.link":
      "개인 정보가 필요한 문의라서 이곳에서는 다루지 않을게요. 버튼을 눌러 저와 1:1 대화로 이어가 주세요.",
    "private.button": "1:1 대화로 계속하기",
    "private.unavailable":
      "개인 정보가 필요한 문의예요. 이곳에는 개인 정보를 남기지 마시고, 저에게 개인 메시지를 보내 주세요.",
    "private.continue": "1:1 대화로 이어갈게요. 문의하신 내용:",
  },
});
