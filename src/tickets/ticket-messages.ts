import { defineMessages } from "../i18n/define-messages.ts";

/** What the ticket service says to customers: forms, acknowledgements, status, CSAT, ticket updates. */
export const ticketMessages = defineMessages("tickets", {
  en: {
    "ticket.askCategory": "I'll open a ticket for our team. What is it about?",
    "ticket.askDescription":
      "Please describe the problem in a few sentences: what happened, and what you expected.",
    "ticket.askOrder": "What is the order number? You'll find it in your confirmation e-mail.",
    "ticket.noOrder": "I don't have it",
    "ticket.cancelButton": "Cancel",
    "ticket.cancelled": "OK, I've cancelled it. No ticket was created.",
    "ticket.orderTooLong":
      "That doesn't look like an order number (it's longer than {max} characters). Please send just the number, or press “I don't have it”.",
    "ticket.orderInvalid":
      "I couldn't find an order number in that. Please send just the number (letters, digits and dashes), or press “I don't have it”.",
    "ticket.descriptionTooShort":
      "Could you tell me a bit more? A sentence or two helps our team solve it faster.",
    "ticket.created":
      "I've opened ticket **{id}** ({category}, {priority} priority) for our {team} team. We'll reply by **{due}**.",
    "ticket.createdOffHours": "Our team works {hours}; the first person will look at it {start}.",
    "ticket.failed": "Sorry, I couldn't open the ticket: {reason}",
    "card.ticket": "Ticket {id}",
    "card.team": "Team",
    "card.priority": "Priority",
    "card.due": "First reply by",
    "ticket.offerButton": "Open a ticket",
    "priority.low": "low",
    "priority.normal": "normal",
    "priority.high": "high",
    "priority.urgent": "urgent",
    "status.none": "You have no open tickets. Type **/ticket** if you need our team's help.",
    "status.header": "Your open tickets:",
    "status.line": "**{id}** · {subject} · {state} · {next}",
    "status.notFound":
      "I couldn't find ticket {id} among your tickets. Check the number, or type **/status** to see them all.",
    "state.new": "received",
    "state.open": "with our team",
    "state.pending_customer": "waiting for your reply",
    "state.pending_internal": "with our team",
    "state.solved": "solved",
    "state.closed": "closed",
    "next.reply": "first reply by {due}",
    "next.resolution": "resolution expected by {due}",
    "next.yourTurn": "please reply here so we can continue",
    "next.done": "nothing more to do",
    "state.assigned": "a person is on it",
    "push.assignedTeam": "Update on **{id}**: a person from our {team} team is now handling your ticket.",
    "push.transferred":
      "Update on **{id}**: a specialist from our {team} team has taken over your request. You don't need to repeat anything.",
    "push.transferredNamed":
      "Update on **{id}**: {agent} from our {team} team has taken over your request. You don't need to repeat anything.",
    "followup.resumed": "Thanks, I've added your reply to **{id}**; our team will continue from here.",
    "followup.reopened":
      "I've reopened ticket **{id}** with what you just wrote, so our team will pick it up again here. Type **/status** to see where it stands.",
    "push.assigned": "Update on **{id}**: {agent} is now handling your ticket.",
    "push.pending_customer":
      "Update on **{id}**: our team needs a bit more information from you. Please reply here.",
    "push.open": "Update on **{id}**: our team is working on it.",
    "push.solved": "Good news: ticket **{id}** is solved.",
    "push.closed": "Ticket **{id}** is closed.",
    "csat.ask": "Was this resolved? How would you rate our help with **{id}**?",
    "csat.thanks":
      "Thank you for rating us {score}/5! If you'd like, add a comment in your next message, or press Skip.",
    "csat.skip": "Skip",
    "csat.commentThanks": "Thanks, I've passed your comment on to the team.",
    "csat.already": "You've already rated this ticket. Thank you!",
    "csat.unavailable": "This ticket can't be rated anymore.",
    "ticket.limitOpen":
      "You already have ticket **{id}** open from a moment ago, so I haven't opened another one. Our team will reply there; type **/status** to see it.",
    "ticket.limitRate":
      "You've opened several tickets recently, so I can't open another one right now. Please try again in about {minutes} minutes; type **/status** to see your open tickets.",
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
    "csat.optOutButton": "Don't ask me again",
    "csat.optedOut":
      "OK, I won't ask you to rate our help again. Your tickets are handled the same as before.",
  },
  ko: {
    "ticket.askCategory": "상담팀에 문의를 접수해 드릴게요. 어떤 내용인가요?",
    "ticket.askDescription": "어떤 문제가 있었는지, 어떻게 되기를 기대하셨는지 한두 문장으로 알려 주세요.",
    "ticket.askOrder": "주문 번호를 알려 주세요. 주문 확인 메일에서 찾을 수 있어요.",
    "ticket.noOrder": "주문 번호 없음",
    "ticket.cancelButton": "취소",
    "ticket.cancelled": "취소했어요. 문의는 접수되지 않았어요.",
    "ticket.orderTooLong":
      "주문 번호로 보기 어려워요({max}자 초과). 번호만 보내 주시거나 “주문 번호 없음”을 눌러 주세요.",
    "ticket.orderInvalid":
      "주문 번호를 찾지 못했어요. 번호만(영문, 숫자, -) 보내 주시거나 “주문 번호 없음”을 눌러 주세요.",
    "ticket.descriptionTooShort": "조금만 더 자세히 알려 주시겠어요? 한두 문장이면 더 빨리 해결할 수 있어요.",
    "ticket.created":
      "**{id}** 문의를 접수했어요({category}, 우선순위 {priority}). {team} 팀이 **{due}**까지 답변드릴게요.",
    "ticket.createdOffHours": "상담팀 운영 시간은 {hours}이며, {start}에 담당자가 확인을 시작해요.",
    "ticket.failed": "죄송해요, 문의를 접수하지 못했어요: {reason}",
    "card.ticket": "문의 {id}",
    "card.team": "담당 팀",
    "card.priority": "우선순위",
    "card.due": "첫 답변 예정",
    "ticket.offerButton": "문의 접수하기",
    "priority.low": "낮음",
    "priority.normal": "보통",
    "priority.high": "높음",
    "priority.urgent": "긴급",
    "status.none": "진행 중인 문의가 없어요. 상담팀의 도움이 필요하면 **/ticket** 을 입력하세요.",
    "status.header": "진행 중인 문의:",
    "status.line": "**{id}** · {subject} · {state} · {next}",
    "status.notFound":
      "고객님의 문의 중에 {id}을(를) 찾지 못했어요. 번호를 확인하시거나 **/status** 로 전체 목록을 보세요.",
    "state.new": "접수됨",
    "state.open": "처리 중",
    "state.pending_customer": "고객님 답변 대기",
    "state.pending_internal": "처리 중",
    "state.solved": "해결됨",
    "state.closed": "종료됨",
    "next.reply": "{due}까지 첫 답변",
    "next.resolution": "{due}까지 해결 예정",
    "next.yourTurn": "이곳에 답변을 남겨 주세요",
    "next.done": "추가 조치 없음",
    "state.assigned": "담당자가 처리 중",
    "push.assignedTeam": "**{id}** 진행 상황: {team} 팀 담당자가 문의를 맡았어요.",
    "push.transferred":
      "**{id}** 진행 상황: {team} 팀 전문 담당자가 문의를 이어받았어요. 같은 내용을 다시 설명하지 않으셔도 돼요.",
    "push.transferredNamed":
      "**{id}** 진행 상황: {team} 팀 {agent}님이 문의를 이어받았어요. 같은 내용을 다시 설명하지 않으셔도 돼요.",
    "followup.resumed": "답변 감사합니다. **{id}** 문의에 추가했고, 상담팀이 이어서 처리할게요.",
    "followup.reopened":
      "방금 남기신 내용으로 **{id}** 문의를 다시 열었어요. 상담팀이 이곳에서 다시 확인할게요. 진행 상황은 **/status** 로 확인하실 수 있어요.",
    "push.assigned": "**{id}** 진행 상황: {agent}님이 담당하고 있어요.",
    "push.pending_customer":
      "**{id}** 진행 상황: 확인을 위해 추가 정보가 필요해요. 이곳에 답변을 남겨 주세요.",
    "push.open": "**{id}** 진행 상황: 상담팀이 처리하고 있어요.",
    "push.solved": "**{id}** 문의가 해결되었어요.",
    "push.closed": "**{id}** 문의가 종료되었어요.",
    "csat.ask": "문제가 해결되었나요? **{id}** 상담은 어떠셨는지 평가해 주세요.",
    "csat.thanks":
      "{score}점 평가 감사합니다! 남기실 의견이 있으면 다음 메시지로 보내 주시고, 없으면 건너뛰기를 눌러 주세요.",
    "csat.skip": "건너뛰기",
    "csat.commentThanks": "감사합니다. 의견을 상담팀에 전달했어요.",
    "csat.already": "이미 평가해 주셨어요. 감사합니다!",
    "csat.unavailable": "이 문의는 더 이상 평가할 수 없어요.",
    "ticket.limitOpen":
      "방금 접수하신 문의 **{id}** 건이 아직 처리 중이라 새 문의는 접수하지 않았어요. 담당팀이 해당 문의로 답변드릴 예정이에요. **/status** 를 입력하면 확인할 수 있어요.",
    "ticket.limitRate":
      "최근에 여러 건의 문의를 접수하셔서 지금은 새 문의를 접수할 수 없어요. 약 {minutes}분 뒤에 다시 시도해 주세요. 접수하신 문의는 **/status** 로 확인할 수 있어요.",
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
    "csat.optOutButton": "다시 묻지 않기",
    "csat.optedOut": "알겠어요. 앞으로는 상담 평가를 요청하지 않을게요. 문의는 지금처럼 똑같이 처리돼요.",
  },
});

/** Names of the built-in ticket categories (a KB may add its own, shown by id). */
export const categoryLabels: Record<"en" | "ko", Record<string, string>> = {
  en: {
    general: "General question",
    technical: "Technical problem",
    billing: "Billing and refunds",
    account: "Account and login",
    seller: "Selling",
    privacy: "Privacy and data",
  },
  ko: {
    general: "일반 문의",
    technical: "기술 문제",
    billing: "결제·환불",
    account: "계정·로그인",
    seller: "판매자 문의",
    privacy: "개인정보",
  },
};
