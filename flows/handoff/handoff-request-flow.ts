import type { TurnContext } from "../../src/core/context.ts";
import type { Feature } from "../../src/core/feature.ts";
import { escalationTrace } from "../../src/handoff/escalation-trace.ts";
import { handoffMessages } from "../../src/handoff/handoff-messages.ts";
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
export function handoffRequestFeature(options: HandoffRequestFlowOptions): Feature {
  const threshold = options.intentThreshold ?? 0.5;
  async function request(ctx: TurnContext): Promise<void> {
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
      ctx.reply(
        ("refusal" in outcome ? outcome.refusal : undefined) ?? handoffMessages.t(ctx, "handoff.unavailable"),
      );
    } else {
      const notice = outcome && "notice" in outcome && outcome.notice ? `\n\n${outcome.notice}` : "";
      ctx.reply(`${handoffMessages.t(ctx, already ? "handoff.queued" : "escalate.text")}${notice}`);
    }
    ctx.act("escalate", escalationTrace.with({ priority, escalationReason: reason }));
  }
  return {
    name: "handoff-request",
    install(composer) {
      composer.command(["human", "agent"], request);
      composer.action("handoff.request", request);
      composer.hears((ctx) => ctx.event.type === "message" && asksForPerson(ctx, threshold), request);
    },
  };
}
