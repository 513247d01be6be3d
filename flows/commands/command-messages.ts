import { defineMessages } from "../../src/i18n/define-messages.ts";

/** The built-in commands' sentences: help, language, unknown commands. */
export const commandMessages = defineMessages("commands", {
  en: {
    "help.text":
      "I'm {bot}, the support assistant. Ask me a question in your own words. Commands: **/ticket** open a ticket, **/status** your tickets, **/human** talk to a person, **/lang en|ko** change language, **/forget** erase your data, **/help** this message.",
    "lang.changed": "OK, I'll answer in English from now on.",
    "lang.unknown": "I can answer in English (**/lang en**) or Korean (**/lang ko**).",
    "command.unknown": "I don't know the command /{command}. Type **/help** to see what I can do.",
  },
  ko: {
    "help.text":
      "저는 상담 도우미 {bot}예요. 궁금한 점을 편하게 물어보세요. 명령어: **/ticket** 문의 접수, **/status** 문의 현황, **/human** 상담원 연결, **/lang en|ko** 언어 변경, **/forget** 내 정보 삭제, **/help** 도움말.",
    "lang.changed": "알겠어요. 이제부터 한국어로 답변드릴게요.",
    "lang.unknown": "영어(**/lang en**) 또는 한국어(**/lang ko**)로 답변할 수 있어요.",
    "command.unknown":
      "/{command} 명령어는 지원하지 않아요. **/help** 를 입력하면 사용할 수 있는 기능을 볼 수 있어요.",
  },
});
