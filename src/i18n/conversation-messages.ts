/**
 * Sentences for interruptions, waiting for a person and acknowledgements (issue 12), EN and KO.
 * Kept apart from the main catalog so each feature's sentences live together.
 */
export const conversationMessagesEn = {
  "ticket.formStopped":
    "OK, I've stopped the ticket form (nothing from it was sent). Type **/ticket** to start it again.",
  "ticket.alreadyOpen":
    "Ticket **{id}** is still open with our team. Tell me what you'd like to add and I'll attach it to that ticket (or type **/status** to see where it stands).",
  "ticket.withHandoff":
    "Your request is already with our team as ticket **{id}**: everything you write here is added to it.",
  "ticket.appended": "I've added this to your open ticket **{id}**; the team will see it there.",
  "ticket.appendNothing": "OK, nothing was added to **{id}**.",
  "ticket.sameDetails":
    "That's already on your open ticket **{id}**, so I didn't add it again. Type **/status** to see where it stands.",
  "csat.commentSkipped": "Your rating is saved.",
  "csat.noComment": "👍 Thanks again for rating us.",
  "handoff.waiting":
    "I've passed this on to the team. You're number **{position}** in line for a person, and they'll see everything you write here.",
  "handoff.waitingNext":
    "I've passed this on to the team. You're next in line for a person, and they'll see everything you write here.",
  "handoff.withdrawn":
    "OK, I've withdrawn your request for a person and told the team. I'm still here if you need anything.",
  "handoff.closedByForget": "Your open request for a person was closed, and the team was told.",
  "smalltalk.ack": "👍 Anything else I can help with?",
  "smalltalk.cancelled": "No problem. Is there anything else I can help with?",
} as const;

export const conversationMessagesKo: Record<keyof typeof conversationMessagesEn, string> = {
  "ticket.formStopped":
    "티켓 작성은 중단했어요(작성하던 내용은 접수되지 않았어요). 다시 시작하려면 **/ticket** 을 입력해 주세요.",
  "ticket.alreadyOpen":
    "**{id}** 티켓이 아직 처리 중이에요. 추가하실 내용을 알려 주시면 그 티켓에 함께 전달할게요(진행 상황은 **/status**).",
  "ticket.withHandoff":
    "이미 **{id}** 티켓으로 담당 팀에 전달되어 있어요. 여기에 남기시는 내용은 모두 그 티켓에 추가돼요.",
  "ticket.appended": "처리 중인 **{id}** 티켓에 내용을 추가했어요. 담당 팀이 함께 확인할 거예요.",
  "ticket.appendNothing": "알겠어요. **{id}** 티켓에는 추가하지 않았어요.",
  "ticket.sameDetails":
    "처리 중인 **{id}** 티켓에 이미 있는 내용이라 다시 추가하지 않았어요. 진행 상황은 **/status** 로 확인하실 수 있어요.",
  "csat.commentSkipped": "평가는 저장했어요.",
  "csat.noComment": "👍 평가해 주셔서 다시 한번 감사해요.",
  "handoff.waiting":
    "담당 팀에 전달했어요. 상담원 연결 대기 순서는 **{position}번째**이고, 여기에 남기신 내용은 모두 담당자에게 전달돼요.",
  "handoff.waitingNext":
    "담당 팀에 전달했어요. 곧 상담원이 연결될 차례이고, 여기에 남기신 내용은 모두 담당자에게 전달돼요.",
  "handoff.withdrawn": "상담원 연결 요청을 취소하고 담당 팀에 알렸어요. 필요하시면 언제든 말씀해 주세요.",
  "handoff.closedByForget": "진행 중이던 상담원 연결 요청도 종료했고, 담당 팀에 알렸어요.",
  "smalltalk.ack": "👍 더 도와드릴 일이 있을까요?",
  "smalltalk.cancelled": "알겠어요. 더 도와드릴 일이 있을까요?",
};
