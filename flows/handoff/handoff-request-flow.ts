import type { TurnContext } from "../../src/core/context.ts";
import type { Flow } from "../../src/core/flow.ts";
import type { Priority } from "../../src/core/trace.ts";

/** Where an escalation goes; the human desk implements it (until then it is only recorded). */
export interface EscalationSink {
  escalate(request: {
    conversation: string;
    reason: string;
    priority: Priority;
    ctx: TurnContext;
  }): Promise<void>;
}

export interface HandoffRequestFlowOptions {
  sink?: EscalationSink;
  /** Minimum intent confidence for "let me talk to a person" in free text. */
  intentThreshold?: number;
}

/**
 * Hands the conversation to a person on `/human`, on the "talk to a person" button, or when the
 * customer asks for one in their own words (intent `human_request`). The escalation and its reason
 * are recorded on the conversation.
 */
export function createHandoffRequestFlow(options: HandoffRequestFlowOptions = {}): Flow {
  const threshold = options.intentThreshold ?? 0.5;
  return {
    name: "handoff-request",
    commands: ["human", "agent"],
    actions: ["handoff.request"],
    match: (ctx) =>
      ctx.understanding.intent?.name === "human_request" && ctx.understanding.intent.confidence >= threshold,
    async handle(ctx) {
      const reason =
        ctx.event.type === "message"
          ? "customer asked for a person in their message"
          : "customer asked for a person";
      const priority: Priority = ctx.state.escalation?.priority ?? "normal";
      ctx.state.escalation = { at: Date.now(), reason, priority };
      await options.sink?.escalate({ conversation: ctx.conversation, reason, priority, ctx });
      ctx.reply(ctx.t("escalate.text"));
      ctx.act("escalate", { priority, escalationReason: reason });
    },
  };
}
