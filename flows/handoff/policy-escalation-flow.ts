import type { TurnContext } from "../../src/core/context.ts";
import type { Flow } from "../../src/core/flow.ts";
import {
  type EscalationDecision,
  type EscalationPolicy,
  evaluateEscalation,
  nextMood,
} from "../../src/handoff/escalation-policy.ts";
import { ownershipOf } from "../../src/handoff/ownership.ts";
import { normalizeText } from "../../src/kb/normalize-text.ts";
import { empathyLine, feelingOf } from "../tone/empathy.ts";
import type { Escalator } from "./handoff-request-flow.ts";

export interface PolicyEscalationOptions {
  escalator: Escalator;
  policy: EscalationPolicy;
}

function inputOf(ctx: TurnContext) {
  return {
    userKey: `${ctx.user.channel}:${ctx.user.id}`,
    text: ctx.text,
    intent: ctx.understanding.intent,
    sentiment: ctx.understanding.sentiment,
    mood: ctx.state.mood,
  };
}

function notBotOwned(ctx: TurnContext): boolean {
  return (ownershipOf(ctx.state)?.status ?? "bot") !== "bot";
}

/**
 * Escalates on the bot's own initiative, before it answers: account takeover, large refunds, VIP
 * customers, sustained or acute anger. Upset customers hear an apology first; the reason is recorded.
 */
export function createPolicyEscalationFlow(options: PolicyEscalationOptions): Flow {
  const decisions = new WeakMap<TurnContext, EscalationDecision>();
  return {
    name: "policy-escalation",
    match(ctx) {
      if (ctx.event.type !== "message" || notBotOwned(ctx)) return false;
      const decision = evaluateEscalation(options.policy, inputOf(ctx));
      if (decision) decisions.set(ctx, decision);
      return decision !== undefined;
    },
    async handle(ctx) {
      const decision = decisions.get(ctx);
      if (!decision) return;
      const outcome = await options.escalator.escalate(ctx, decision);
      // An escalation is no "no worries" moment: a mild swear that escalates gets the apology.
      const felt = feelingOf(ctx);
      const feeling = felt === "mild" ? "anger" : felt;
      const opening = feeling ? `${empathyLine(ctx, feeling)}\n\n` : "";
      const notice = outcome.notice ? `\n\n${outcome.notice}` : "";
      const said =
        outcome.status === "bot"
          ? (outcome.refusal ?? ctx.t("handoff.unavailable"))
          : ctx.t("upset.escalate");
      ctx.reply(`${opening}${said}${notice}`);
      ctx.act("escalate", { priority: decision.priority, escalationReason: decision.reason });
    },
  };
}

/** Keeps the running mood that gives anger escalation its hysteresis. */
export function trackMood(policy: EscalationPolicy): (ctx: TurnContext) => void {
  return (ctx) => {
    if (ctx.event.type !== "message") return;
    const mood = nextMood(ctx.state.mood, ctx.understanding.sentiment, policy.moodWeight);
    if (mood !== undefined) ctx.state.mood = Math.round(mood * 1000) / 1000;
  };
}

/**
 * After the bot failed to answer: a person takes over after `maxUnanswered` such turns in a row, or
 * at once when the customer repeats a question the bot could not answer.
 */
export function escalateWhenStuck(options: PolicyEscalationOptions): (ctx: TurnContext) => Promise<void> {
  return async (ctx) => {
    const action = ctx.trace.action;
    if ((action !== "fallback" && action !== "clarify") || ctx.event.type !== "message" || notBotOwned(ctx))
      return;
    const question = normalizeText(ctx.text);
    const repeated = question !== "" && ctx.state.memory.lastUnanswered === question;
    ctx.state.memory.lastUnanswered = question;
    const streak = ctx.state.unansweredStreak + 1;
    if (!repeated && streak < options.policy.maxUnanswered) return;
    const reason = repeated
      ? "customer repeated a question the bot could not answer"
      : `${streak} unanswered turns in a row`;
    const outcome = await options.escalator.escalate(ctx, {
      reason,
      priority: ownershipOf(ctx.state)?.priority ?? "normal",
    });
    const notice = outcome.notice ? `\n\n${outcome.notice}` : "";
    const said =
      outcome.status === "bot" ? (outcome.refusal ?? ctx.t("handoff.unavailable")) : ctx.t("escalate.stuck");
    ctx.reply(`${said}${notice}`);
    ctx.act("escalate", { escalationReason: reason, priority: "normal" });
  };
}
