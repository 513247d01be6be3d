import { z } from "zod";
import { type Priority, raisePriority } from "../model/priority.ts";
import type { SentimentResult } from "../model/understanding.ts";
import { mentionedAmount } from "./money-amounts.ts";
import { compromiseIn, threatIn } from "./threats.ts";

export { mentionedAmount } from "./money-amounts.ts";

/** When the bot hands a conversation to a person on its own initiative. */
export const escalationPolicySchema = z.object({
  /** Consecutive turns without an answer (fallbacks, clarifications) before a person takes over. */
  maxUnanswered: z.number().int().positive().default(3),
  /** Mood (a running average of sentiment, -1..1) at or below which an angry customer is escalated. */
  moodThreshold: z.number().min(-1).max(0).default(-0.55),
  /** A single message this negative and intense escalates at once, whatever the mood. */
  acuteScore: z.number().min(-1).max(0).default(-0.75),
  angerThreshold: z.number().min(0).max(1).default(0.5),
  /** How much the latest message moves the mood (the rest is history): hysteresis against one sharp word. */
  moodWeight: z.number().min(0).max(1).default(0.6),
  /** Customers (`channel:userId`) who always get a person, with priority raised one level. */
  vipUsers: z.array(z.string()).default([]),
  /** Refund requests above this amount (in any currency mentioned) need a person. */
  refundAmountThreshold: z.number().positive().default(100),
  /** Refund amounts in KRW are compared after dividing by this rate. */
  krwPerUnit: z.number().positive().default(1300),
});
export type EscalationPolicy = z.infer<typeof escalationPolicySchema>;

export interface EscalationInput {
  userKey: string;
  text: string;
  intent?: { name: string; confidence: number } | undefined;
  sentiment?: SentimentResult | undefined;
  /** Running mood before this message (undefined on the first message). */
  mood?: number | undefined;
}

export interface EscalationDecision {
  reason: string;
  priority: Priority;
}

const THREAT = /threat|dispute|chargeback|legal|cancel|report/;
/** A refund is what the message asks for, whichever intent the classifier gave it. */
const REFUND = /\brefund|money back|reimburse|환불|돌려\s?(받|주)|취소하고 돈/iu;
const MONEY_INTENTS = new Set(["refund_request", "billing_problem"]);

/** Updates the running mood with this message's sentiment. */
export function nextMood(
  previous: number | undefined,
  sentiment: SentimentResult | undefined,
  weight: number,
): number | undefined {
  if (!sentiment) return previous;
  // A conversation starts from a neutral mood, so a first sharp message only moves it part of the way.
  return (1 - weight) * (previous ?? 0) + weight * sentiment.score;
}

/**
 * Decides, before the bot answers, whether this message needs a person: account takeover and fraud,
 * large refunds (in won or dollars, whichever intent carried them), VIP customers, threats
 * (chargeback, legal action, a consumer agency, leaving), and anger — sustained (the mood moves slowly, so one sharp word does not
 * flip it) or acute. Returns why, or undefined.
 */
export function evaluateEscalation(
  policy: EscalationPolicy,
  input: EscalationInput,
): EscalationDecision | undefined {
  const sentiment = input.sentiment;
  const compromise = compromiseIn(input.text);
  if (compromise === "account takeover") return { reason: "possible account takeover", priority: "urgent" };
  if (compromise === "fraud") return { reason: "possible fraud on the account", priority: "urgent" };
  if (REFUND.test(input.text) || MONEY_INTENTS.has(input.intent?.name ?? "")) {
    // Won and dollars alike: the amount is converted before the comparison.
    const amount = mentionedAmount(input.text, policy.krwPerUnit);
    if (amount !== undefined && amount > policy.refundAmountThreshold) {
      return {
        reason: `refund over ${policy.refundAmountThreshold} (${Math.round(amount)} mentioned)`,
        priority: "high",
      };
    }
  }
  if (policy.vipUsers.includes(input.userKey)) {
    const base: Priority = sentiment?.label === "negative" ? "high" : "normal";
    return { reason: "VIP customer", priority: raisePriority(base) };
  }
  if (sentiment && sentiment.label === "negative" && sentiment.emotions.anger >= policy.angerThreshold) {
    // Sustained anger needs a history: one message with a mild swear ("damn, forgot my password
    // again") is not an angry customer. A single message escalates only when it is acute.
    const mood = nextMood(input.mood, sentiment, policy.moodWeight) ?? sentiment.score;
    const sustained = input.mood !== undefined && mood <= policy.moodThreshold;
    const acute =
      sentiment.score <= policy.acuteScore &&
      (sentiment.emotions.anger >= 0.75 || sentiment.intensity >= 0.5);
    if (sustained || acute) {
      const threat = sentiment.signals.some((signal) => THREAT.test(signal));
      const priority: Priority = threat || sentiment.intensity >= 0.7 ? "urgent" : "high";
      const signals = sentiment.signals.length > 0 ? `; ${sentiment.signals.join(", ")}` : "";
      return {
        reason: `angry customer (mood ${mood.toFixed(2)}, anger ${sentiment.emotions.anger.toFixed(2)}${signals})`,
        priority,
      };
    }
  }
  const threat = threatIn(input.text);
  if (threat) return { reason: `${threat} threat`, priority: "high" };
  return undefined;
}
