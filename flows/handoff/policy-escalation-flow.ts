import type { Composer } from "../../src/core/composer.ts";
import type { TurnContext } from "../../src/core/context.ts";
import type { Feature } from "../../src/core/feature.ts";
import {
  type EscalationDecision,
  type EscalationPolicy,
  evaluateEscalation,
  nextMood,
} from "../../src/handoff/escalation-policy.ts";
import { escalationTrace } from "../../src/handoff/escalation-trace.ts";
import { handoffMessages } from "../../src/handoff/handoff-messages.ts";
import { ownershipOf } from "../../src/handoff/ownership.ts";
import { normalizeText } from "../../src/kb/text-features.ts";
import { empathyLine, feelingOf } from "../tone/empathy.ts";
import { escalationSlice, moodOf } from "./escalation-state.ts";
import type { Escalator } from "./handoff-request-flow.ts";

export interface PolicyEscalationOptions {
  escalator: Escalator;
  policy: EscalationPolicy;
}

export function escalationInput(ctx: TurnContext) {
  return {
    userKey: `${ctx.user.channel}:${ctx.user.id}`,
    text: ctx.text,
    intent: ctx.understanding.intent,
    sentiment: ctx.understanding.sentiment,
    mood: moodOf(ctx.state),
  };
}

function botOwned(ctx: TurnContext): boolean {
  return (ownershipOf(ctx.state)?.status ?? "bot") === "bot";
}

/**
 * The bot's own escalation policy, in one middleware. Before the features after it answer a
 * message, it decides whether the message needs a person — account takeover, large refunds, VIP
 * customers, threats, sustained or acute anger — and escalates at once (upset customers hear an
 * apology first; the reason is recorded). After they answered, it hands over a customer the bot
 * keeps failing (`maxUnanswered` unanswered turns in a row, or the same unanswered question again),
 * and keeps the running mood that gives anger escalation its hysteresis.
 */
export function escalationFeature(options: PolicyEscalationOptions): Feature {
  const { policy, escalator } = options;

  async function escalateNow(ctx: TurnContext, decision: EscalationDecision): Promise<void> {
    const outcome = await escalator.escalate(ctx, decision);
    // An escalation is no "no worries" moment: a mild swear that escalates gets the apology.
    const felt = feelingOf(ctx);
    const feeling = felt === "mild" ? "anger" : felt;
    const opening = feeling ? `${empathyLine(ctx, feeling)}\n\n` : "";
    const notice = outcome.notice ? `\n\n${outcome.notice}` : "";
    const said =
      outcome.status === "bot"
        ? (outcome.refusal ?? handoffMessages.t(ctx, "handoff.unavailable"))
        : handoffMessages.t(ctx, "upset.escalate");
    ctx.reply(`${opening}${said}${notice}`);
    ctx.act(
      "escalate",
      escalationTrace.with({ priority: decision.priority, escalationReason: decision.reason }),
    );
  }

  async function escalateWhenStuck(ctx: TurnContext): Promise<void> {
    const action = ctx.trace.action;
    if ((action !== "fallback" && action !== "clarify") || ctx.event.type !== "message" || !botOwned(ctx))
      return;
    const memory = escalationSlice.get(ctx.state) ?? {};
    const question = normalizeText(ctx.text);
    const repeated = question !== "" && memory.lastUnanswered === question;
    escalationSlice.set(ctx.state, { ...memory, lastUnanswered: question.slice(0, 2_000) });
    const streak = ctx.state.unansweredStreak + 1;
    if (!repeated && streak < policy.maxUnanswered) return;
    const reason = repeated
      ? "customer repeated a question the bot could not answer"
      : `${streak} unanswered turns in a row`;
    const outcome = await escalator.escalate(ctx, {
      reason,
      priority: ownershipOf(ctx.state)?.priority ?? "normal",
    });
    const notice = outcome.notice ? `\n\n${outcome.notice}` : "";
    const said =
      outcome.status === "bot"
        ? (outcome.refusal ?? handoffMessages.t(ctx, "handoff.unavailable"))
        : handoffMessages.t(ctx, "escalate.stuck");
    ctx.reply(`${said}${notice}`);
    ctx.act("escalate", escalationTrace.with({ escalationReason: reason, priority: "normal" }));
  }

  function trackMood(ctx: TurnContext): void {
    if (ctx.event.type !== "message") return;
    const mood = nextMood(moodOf(ctx.state), ctx.understanding.sentiment, policy.moodWeight);
    if (mood === undefined) return;
    escalationSlice.set(ctx.state, {
      ...escalationSlice.get(ctx.state),
      mood: Math.round(mood * 1000) / 1000,
    });
  }

  function install(composer: Composer): void {
    composer.use(async (ctx, next) => {
      // A message a form step is waiting for is the step's (unless it declines it).
      const decision =
        ctx.event.type === "message" && botOwned(ctx) && composer.stepTaking(ctx) === undefined
          ? evaluateEscalation(policy, escalationInput(ctx))
          : undefined;
      if (decision) await composer.take(ctx, (turn) => escalateNow(turn, decision));
      else await next();
      try {
        await escalateWhenStuck(ctx);
        trackMood(ctx);
      } catch (error) {
        ctx.log.error({ err: error }, "escalation after the answer failed; the turn goes on");
      }
    });
  }

  return { name: "policy-escalation", install };
}
