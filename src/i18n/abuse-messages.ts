/** Notices about blocks, message floods and ticket/hand-off limits (merged into the catalog). */
export const abuseMessagesEn = {
  "abuse.slowDown":
    "You're sending messages faster than I can read them, so I'm pausing for a moment. Please wait about {seconds} seconds, then write again; messages sent before then are not read.",
  "abuse.blocked":
    "You can no longer message support here. If you think this is a mistake, please contact us another way (for example by email) and we'll look into it.",
  "ticket.limitOpen":
    "You already have ticket **{id}** open from a moment ago, so I haven't opened another one. Our team will reply there; type **/status** to see it.",
  "ticket.limitRate":
    "You've opened several tickets recently, so I can't open another one right now. Please try again in about {minutes} minutes; type **/status** to see your open tickets.",
  "handoff.limitOpen":
    "You're already waiting for a person in another conversation; they'll reply to you there.",
  "handoff.limitRate":
    "You've asked for a person several times recently, so I can't start another hand-off right now. Please try again in about {minutes} minutes; meanwhile I'm still here to help.",
} as const;

export const abuseMessagesKo: Record<keyof typeof abuseMessagesEn, string> = {
  "abuse.slowDown":
    "메시지가 너무 빠르게 들어오고 있어 잠시 응답을 멈출게요. 약 {seconds}초 뒤에 다시 보내 주세요. 그 전에 보내신 메시지는 확인되지 않아요.",
  "abuse.blocked":
    "이곳에서는 더 이상 고객 지원에 메시지를 보내실 수 없어요. 착오라고 생각되시면 이메일 등 다른 방법으로 문의해 주세요. 확인해 드릴게요.",
  "ticket.limitOpen":
    "방금 접수하신 문의 **{id}** 건이 아직 처리 중이라 새 문의는 접수하지 않았어요. 담당팀이 해당 문의로 답변드릴 예정이에요. **/status** 를 입력하면 확인할 수 있어요.",
  "ticket.limitRate":
    "최근에 여러 건의 문의를 접수하셔서 지금은 새 문의를 접수할 수 없어요. 약 {minutes}분 뒤에 다시 시도해 주세요. 접수하신 문의는 **/status** 로 확인할 수 있어요.",
  "handoff.limitOpen": "다른 대화에서 이미 상담원 연결을 기다리고 계세요. 담당자가 그곳으로 답변드릴 거예요.",
  "handoff.limitRate":
    "최근 상담원 연결을 여러 번 요청하셔서 지금은 새로 연결해 드릴 수 없어요. 약 {minutes}분 뒤에 다시 시도해 주세요. 그동안 제가 최대한 도와드릴게요.",
};
