import { commandsFeature } from "../../flows/commands/commands-flow.ts";
import { faqFeature } from "../../flows/faq/faq-flow.ts";
import { handoffRequestFeature } from "../../flows/handoff/handoff-request-flow.ts";
import { escalationFeature } from "../../flows/handoff/policy-escalation-flow.ts";
import { queueFeature } from "../../flows/handoff/queue-flow.ts";
import { relayFeature } from "../../flows/handoff/relay-flow.ts";
import { forgetFeature } from "../../flows/privacy/forget-flow.ts";
import { type PendingPrivateQuestion, privacyGuardFeature } from "../../flows/privacy/privacy-guard-flow.ts";
import { smalltalkFeature } from "../../flows/smalltalk/smalltalk-flow.ts";
import { csatFeature } from "../../flows/tickets/csat-flow.ts";
import { statusFeature } from "../../flows/tickets/status-flow.ts";
import { ticketFeature } from "../../flows/tickets/ticket-flow.ts";
import { ticketFollowUpFeature } from "../../flows/tickets/ticket-followup-flow.ts";
import { empathyFeature } from "../../flows/tone/empathy.ts";
import type { Feature } from "../core/feature.ts";
import { escalationPolicySchema } from "../handoff/escalation-policy.ts";
import type { HandoffService } from "../handoff/handoff-service.ts";
import type { KnowledgeService } from "../kb/knowledge-service.ts";
import type { UnansweredLog } from "../kb/unanswered-log.ts";
import type { Llm } from "../llm/create-llm.ts";
import type { Erasure } from "../privacy/erasure.ts";
import type { KeyvFactory } from "../store/create-keyv.ts";
import type { TicketService } from "../tickets/ticket-service.ts";
import type { Config } from "./config.ts";

export interface FeatureDeps {
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
 * The conversation's behaviour, in the order a turn meets it (the core installs them in this order;
 * see "Writing a feature" in the README):
 * - wrappers first: empathy adjusts whatever the features after it answered, forget keeps the
 *   erasure index of every turn;
 * - then what must see every event: the relay to the person who owns the conversation, the privacy
 *   guard in groups, the wait for a person;
 * - then requests with their own words or commands: ticket status, CSAT, the customer's reply to a
 *   ticket waiting on them (or reopening a recently solved one), a request for a person;
 * - the escalation policy (before the features that answer, and after them for stuck customers);
 * - the features that answer: tickets, small talk, and the FAQ, which takes any message left;
 * - last, the built-in commands (and any command nobody took).
 */
export function buildFeatures(deps: FeatureDeps): Feature[] {
  const { config, knowledge, handoff, tickets } = deps;
  const policy = escalationPolicySchema.parse({
    maxUnanswered: config.ESCALATE_AFTER_UNANSWERED,
    vipUsers: config.VIP_USERS,
    refundAmountThreshold: config.ESCALATE_REFUND_OVER,
  });
  return [
    empathyFeature(),
    forgetFeature({ erasure: deps.erasure, handoff }),
    relayFeature({ relay: handoff }),
    privacyGuardFeature({ pending: deps.stores.namespace<PendingPrivateQuestion>("private-pending") }),
    queueFeature({ queue: handoff, escalator: handoff, policy }),
    statusFeature({ tickets }),
    csatFeature({ tickets }),
    ticketFollowUpFeature({ tickets, desk: handoff }),
    handoffRequestFeature({ escalator: handoff }),
    escalationFeature({ escalator: handoff, policy }),
    ticketFeature({
      tickets,
      knowledge,
      orderCategories: config.TICKET_ORDER_CATEGORIES,
    }),
    smalltalkFeature(),
    faqFeature({
      knowledge,
      unanswered: deps.unanswered,
      offerTicket: true,
      feedback: { record: (feedback) => tickets.store.recordFaqFeedback(feedback) },
      ...(deps.llm ? { llm: deps.llm } : {}),
    }),
    commandsFeature(),
  ];
}
