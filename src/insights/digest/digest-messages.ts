import { defineMessages } from "../../i18n/define-messages.ts";

/** The weekly insights digest posted to a Slack channel, in DESK_LANGUAGE. */
export const digestMessages = defineMessages("insights-digest", {
  en: {
    "digest.title": "**Support this week** ({from} – {to})",
    "digest.conversations": "Conversations: {count}, resolved by the bot {rate}",
    "digest.tickets": "Tickets opened: {opened}, solved {solved}, SLA met {sla}",
    "digest.times":
      "First response: median {frtMedian}, p90 {frtP90} · Resolution: median {resMedian}, p90 {resP90}",
    "digest.csat": "CSAT: bot answers helpful {bot} · people {human} / 5",
    "digest.gapsTitle": "**Top FAQ gaps**",
    "digest.gap": "{count}× “{text}” ({languages})",
    "digest.noGaps": "No unanswered questions this week.",
    "digest.more": "Details and the KB editor: /insights",
  },
  ko: {
    "digest.title": "**이번 주 상담 현황** ({from} – {to})",
    "digest.conversations": "대화 {count}건, 봇이 해결 {rate}",
    "digest.tickets": "접수된 티켓 {opened}건, 해결 {solved}건, SLA 준수율 {sla}",
    "digest.times": "첫 응답: 중앙값 {frtMedian}, p90 {frtP90} · 해결: 중앙값 {resMedian}, p90 {resP90}",
    "digest.csat": "만족도: 봇 답변 도움됨 {bot} · 상담원 {human} / 5",
    "digest.gapsTitle": "**주요 FAQ 빈틈**",
    "digest.gap": "{count}회 “{text}” ({languages})",
    "digest.noGaps": "이번 주에는 답하지 못한 질문이 없습니다.",
    "digest.more": "자세한 내용과 지식 베이스 편집: /insights",
  },
});
