import { createCommandsFlow } from "../../flows/commands/commands-flow.ts";
import { endInterruptedSteps } from "../../flows/commands/interruptions.ts";
import { createFaqFlow } from "../../flows/faq/faq-flow.ts";
import { createHandoffRequestFlow } from "../../flows/handoff/handoff-request-flow.ts";
import {
  createPolicyEscalationFlow,
  escalateWhenStuck,
  trackMood,
} from "../../flows/handoff/policy-escalation-flow.ts";
import { createQueueFlow } from "../../flows/handoff/queue-flow.ts";
import { createRelayFlow } from "../../flows/handoff/relay-flow.ts";
import { createForgetFlow, rememberConversations } from "../../flows/privacy/forget-flow.ts";
import {
  createPrivacyGuardFlow,
  type PendingPrivateQuestion,
} from "../../flows/privacy/privacy-guard-flow.ts";
import { createSmalltalkFlow } from "../../flows/smalltalk/smalltalk-flow.ts";
import { createCsatFlow } from "../../flows/tickets/csat-flow.ts";
import { createStatusFlow } from "../../flows/tickets/status-flow.ts";
import { createTicketFlow } from "../../flows/tickets/ticket-flow.ts";
import { applyEmpathy } from "../../flows/tone/empathy.ts";
import type { TurnContext } from "../core/context.ts";
import type { Flow } from "../core/flow.ts";
import { escalationPolicySchema } from "../handoff/escalation-policy.ts";
import type { HandoffService } from "../handoff/handoff-service.ts";
import type { KnowledgeService } from "../kb/knowledge-service.ts";
import type { UnansweredLog } from "../kb/unanswered-log.ts";
import type { Llm } from "../llm/create-llm.ts";
import type { Erasure } from "../privacy/erasure.ts";
import type { KeyvFactory } from "../store/create-keyv.ts";
import type { TicketService } from "../tickets/ticket-service.ts";
import type { Config } from "./config.ts";

/** Adds the turn's LLM tokens (not cache hits) to the conversation's running total. */
function countLlmTokens(ctx: TurnContext): void {
  const llm = ctx.trace.llm;
  if (!llm?.tokens || llm.cached) return;
  const total = ctx.state.memory.llmTokens;
  ctx.state.memory.llmTokens = (typeof total === "number" ? total : 0) + llm.tokens;
}

export interface FlowDeps {
  config: Config;
  knowledge: KnowledgeService;
  unanswered: UnansweredLog;
  handoff: HandoffService;
  tickets: TicketService;
  erasure: Erasure;
  stores: KeyvFactory;
  llm?: Llm;
}

/**
 * The conversation behaviour, in routing order: the relay to a person, privacy and the wait for a
 * person first (they intercept), then commands and buttons, escalation, tickets, small talk, and the FAQ last (it takes any message).
 * Also the steps that run after every flow.
 */
export function buildFlows(deps: FlowDeps): {
  flows: Flow[];
  afterFlow: ((ctx: TurnContext) => void | Promise<void>)[];
} {
  const { config, knowledge, handoff, tickets } = deps;
  const thresholds = {
    answer: config.FAQ_ANSWER_THRESHOLD,
    clarify: config.FAQ_CLARIFY_THRESHOLD,
    margin: 0.12,
  };
  const policy = escalationPolicySchema.parse({
    maxUnanswered: config.ESCALATE_AFTER_UNANSWERED,
    vipUsers: config.VIP_USERS,
    refundAmountThreshold: config.ESCALATE_REFUND_OVER,
  });
  const flows: Flow[] = [
    createRelayFlow({ relay: handoff }),
    createPrivacyGuardFlow({ pending: deps.stores.namespace<PendingPrivateQuestion>("private-pending") }),
    createQueueFlow({ queue: handoff, escalator: handoff, policy }),
    createCommandsFlow(),
    createForgetFlow({ erasure: deps.erasure, handoff }),
    createStatusFlow({ tickets }),
    createCsatFlow({ tickets }),
    createHandoffRequestFlow({ escalator: handoff }),
    createPolicyEscalationFlow({ escalator: handoff, policy }),
    createTicketFlow({ tickets, knowledge, thresholds, orderCategories: config.TICKET_ORDER_CATEGORIES }),
    createSmalltalkFlow(),
    createFaqFlow({
      knowledge,
      unanswered: deps.unanswered,
      thresholds,
      offerTicket: true,
      feedback: { record: (feedback) => tickets.store.recordFaqFeedback(feedback) },
      ...(deps.llm ? { llm: deps.llm } : {}),
    }),
  ];
  const afterFlow = [
    applyEmpathy,
    // After empathy: the customer first reads that the form they were filling in was set aside.
    endInterruptedSteps({ ticket: "ticket.formStopped", csat: "csat.commentSkipped" }),
    escalateWhenStuck({ escalator: handoff, policy }),
    trackMood(policy),
    rememberConversations(deps.erasure),
    countLlmTokens,
  ];
  return { flows, afterFlow };
}
