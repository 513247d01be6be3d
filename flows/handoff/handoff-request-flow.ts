import type { TurnContext } from "../../src/core/context.ts";
import type { Flow } from "../../src/core/flow.ts";
import { ownershipOf } from "../../src/handoff/ownership.ts";
import type { Priority } from "../../src/model/priority.ts";
import { asksForPerson } from "../commands/interruptions.ts";

/** Where an escalation goes: the hand-off service queues the conversation and posts the packet. */
export interface Escalator {
  /** Resolves with the new ownership; `bot` means no person could be reached. */
  escalate(
    ctx: TurnContext,
    request: { reason: string; priority: Priority },
  ): Promise<{ status: string; notice?: string; refusal?: string }>;
}

export interface HandoffRequestFlowOptions {
  escalator: Escalator;
  /** Minimum intent confidence for "let me talk to a person" in free text. */
  intentThreshold?: number;
}

/**
 * Hands the conversation to a person on `/human`, on the "talk to a person" button, or when the
 * customer asks for one in their own words (intent `human_request`, or plain phrasing such as
 * "talk to a human", "상담원 연결"). The escalation and its reason
 * are recorded on the conversation.
 */
export function createHandoffRequestFlow(options: HandoffRequestFlowOptions): Flow {
  const threshold = options.intentThreshold ?? 0.5;
  return {
    name: "handoff-request",
    commands: ["human", "agent"],
    actions: ["handoff.request"],
    match: (ctx) => ctx.event.type === "message" && asksForPerson(ctx, threshold),
    async handle(ctx) {
      const reason =
        ctx.event.type === "message"
          ? "customer asked for a person in their message"
          : "customer asked for a person";
      const already = (ownershipOf(ctx.state)?.status ?? "bot") !== "bot";
      const priority: Priority = ownershipOf(ctx.state)?.priority ?? "normal";
      const outcome = already
        ? ownershipOf(ctx.state)
        : await options.escalator.escalate(ctx, { reason, priority });
      if (outcome?.status === "bot") {
        ctx.reply(("refusal" in outcome ? outcome.refusal : undefined) ?? ctx.t("handoff.unavailable"));
      } else {
        const notice = outcome && "notice" in outcome && outcome.notice ? `\n\n${outcome.notice}` : "";
        ctx.reply(`${ctx.t(already ? "handoff.queued" : "escalate.text")}${notice}`);
      }
      ctx.act("escalate", { priority, escalationReason: reason });
    },
  };
}
