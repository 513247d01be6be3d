import { defineMessages } from "../i18n/define-messages.ts";

/** What the hand-off says to customers: escalation, waiting for a person, a person joining or leaving. */
export const handoffMessages = defineMessages("handoff", {
  en: {
    "handoff.expected": "Your reference is **{id}**; a person will reply by **{due}**.",
    "handoff.offHours":
      "Our team works {hours}, so nobody is in right now; they'll pick it up {start}. Meanwhile I'm still here to help.",
    "handoff.limitOpen":
      "You're already waiting for a person in another conversation; they'll reply to you there.",
    "handoff.limitRate":
      "You've asked for a person several times recently, so I can't start another hand-off right now. Please try again in about {minutes} minutes; meanwhile I'm still here to help.",
    "handoff.waiting":
      "I've passed this on to the team. You're number **{position}** in line for a person, and they'll see everything you write here.",
    "handoff.waitingNext":
      "I've passed this on to the team. You're next in line for a person, and they'll see everything you write here.",
    "handoff.withdrawn":
      "OK, I've withdrawn your request for a person and told the team. I'm still here if you need anything.",
    "handoff.closedByForget": "Your open request for a person was closed, and the team was told.",
    "escalate.text":
      "I've passed your conversation to our support team. A person will reply here as soon as possible, and you can keep writing in the meantime.",
    "upset.escalate":
      "I've flagged this as a priority for our support team, and a person will pick it up as soon as possible. You can add any details here in the meantime.",
    "handoff.joined": "{agent} from support has joined the conversation.",
    "handoff.closed": "{agent} has closed this conversation. Thanks for your patience!",
    "handoff.returned":
      "You're back with the assistant. Ask me anything, or type **/human** to reach a person again.",
    "handoff.expired":
      "Our support agent has stepped away, so I'm back to help meanwhile. Your request stays with the team: the next person free will pick it up here, no need to ask again.",
    "escalate.stuck":
      "I'm sorry I couldn't find the right answer for you. I've asked a person from our team to help, and they'll reply here.",
    "handoff.unavailable":
      "I'm sorry, I couldn't reach our support team just now. Please try **/human** again in a few minutes; meanwhile I'll keep helping as best I can.",
    "handoff.queued":
      "You're already in the queue for a person; they'll reply here. Anything you add is passed on.",
  },
  ko: {
    "handoff.expected": "접수 번호는 **{id}**이며, 담당자가 **{due}**까지 답변드릴게요.",
    "handoff.offHours":
      "상담팀 운영 시간은 {hours}이라 지금은 담당자가 없어요. {start}에 확인을 시작하며, 그동안 제가 계속 도와드릴게요.",
    "handoff.limitOpen":
      "다른 대화에서 이미 상담원 연결을 기다리고 계세요. 담당자가 그곳으로 답변드릴 거예요.",
    "handoff.limitRate":
      "최근 상담원 연결을 여러 번 요청하셔서 지금은 새로 연결해 드릴 수 없어요. 약 {minutes}분 뒤에 다시 시도해 주세요. 그동안 제가 최대한 도와드릴게요.",
    "handoff.waiting":
      "담당 팀에 전달했어요. 상담원 연결 대기 순서는 **{position}번째**이고, 여기에 남기신 내용은 모두 담당자에게 전달돼요.",
    "handoff.waitingNext":
      "담당 팀에 전달했어요. 곧 상담원이 연결될 차례이고, 여기에 남기신 내용은 모두 담당자에게 전달돼요.",
    "handoff.withdrawn": "상담원 연결 요청을 취소하고 담당 팀에 알렸어요. 필요하시면 언제든 말씀해 주세요.",
    "handoff.closedByForget": "진행 중이던 상담원 연결 요청도 종료했고, 담당 팀에 알렸어요.",
    "escalate.text":
      "상담팀에 대화를 전달했어요. 담당자가 최대한 빨리 이곳으로 답변드릴게요. 그동안 추가로 남기실 내용이 있으면 편하게 적어 주세요.",
    "upset.escalate":
      "상담팀에 우선 처리 건으로 전달했어요. 담당자가 최대한 빨리 확인할 예정이에요. 그동안 추가로 알려 주실 내용이 있으면 이곳에 남겨 주세요.",
    "handoff.joined": "상담원 {agent}님이 대화에 참여했어요.",
    "handoff.closed": "{agent}님이 상담을 종료했어요. 기다려 주셔서 감사합니다!",
    "handoff.returned":
      "다시 상담 도우미가 도와드릴게요. 궁금한 점을 물어보시거나, 상담원이 필요하면 **/human** 을 입력하세요.",
    "handoff.expired":
      "상담원이 잠시 자리를 비워 그동안 상담 도우미가 도와드릴게요. 요청은 담당 팀에 그대로 남아 있어 다음 담당자가 이곳에서 이어서 답변드리니, 다시 요청하지 않으셔도 돼요.",
    "escalate.stuck":
      "원하시는 답변을 찾아 드리지 못해 죄송해요. 상담팀 담당자에게 도움을 요청했으니, 이곳으로 답변드릴 거예요.",
    "handoff.unavailable":
      "죄송해요, 지금은 상담팀에 연결하지 못했어요. 몇 분 뒤에 **/human** 을 다시 입력해 주세요. 그동안 제가 최대한 도와드릴게요.",
    "handoff.queued":
      "이미 상담원 연결을 요청하셨어요. 담당자가 이곳으로 답변드릴 예정이며, 추가로 남기신 내용도 함께 전달돼요.",
  },
});
