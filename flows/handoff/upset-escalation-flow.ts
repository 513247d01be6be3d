import type { Flow } from "../../src/core/flow.ts";
import type { Priority } from "../../src/core/trace.ts";
import { empathyLine } from "../tone/empathy.ts";
import type { Escalator } from "./handoff-request-flow.ts";

export interface UpsetEscalationOptions {
  escalator: Escalator;
  /** Sentiment score at or below which a message counts as strongly negative. */
  scoreThreshold?: number;
  /** Anger at or above which a strongly negative message is escalated. */
  angerThreshold?: number;
}

const THREAT_SIGNALS = ["threat", "dispute", "chargeback", "legal", "cancel", "report"];

/**
 * An angry, strongly negative customer goes to a person at once: the bot apologises, escalates with
 * priority high (urgent when the message is intense or threatens a dispute, cancellation or legal
 * action) and records why.
 */
export function createUpsetEscalationFlow(options: UpsetEscalationOptions): Flow {
  const scoreThreshold = options.scoreThreshold ?? -0.5;
  const angerThreshold = options.angerThreshold ?? 0.5;
  return {
    name: "upset-escalation",
    match(ctx) {
      const sentiment = ctx.understanding.sentiment;
      return (
        sentiment !== undefined &&
        sentiment.label === "negative" &&
        sentiment.score <= scoreThreshold &&
        sentiment.emotions.anger >= angerThreshold
      );
    },
    async handle(ctx) {
      const sentiment = ctx.understanding.sentiment;
      if (!sentiment) return;
      const threat = sentiment.signals.some((signal) => THREAT_SIGNALS.some((word) => signal.includes(word)));
      const priority: Priority = threat || sentiment.intensity >= 0.7 ? "urgent" : "high";
      const reason = `angry customer (sentiment ${sentiment.score.toFixed(2)}, anger ${sentiment.emotions.anger.toFixed(2)}${
        sentiment.signals.length > 0 ? `, signals: ${sentiment.signals.join(", ")}` : ""
      })`;
      const already = ctx.state.ownership && ctx.state.ownership.status !== "bot";
      const outcome = await options.escalator.escalate(ctx, { reason, priority });
      const next =
        outcome.status === "bot" ? "handoff.unavailable" : already ? "handoff.queued" : "upset.escalate";
      ctx.reply(`${empathyLine(ctx, "anger")}\n\n${ctx.t(next)}`);
      ctx.act("escalate", { priority, escalationReason: reason });
    },
  };
}
