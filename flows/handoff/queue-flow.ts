import type { TurnContext } from "../../src/core/context.ts";
import type { Feature } from "../../src/core/feature.ts";
import { type EscalationPolicy, evaluateEscalation } from "../../src/handoff/escalation-policy.ts";
import { escalationTrace } from "../../src/handoff/escalation-trace.ts";
import { handoffMessages } from "../../src/handoff/handoff-messages.ts";
import { ownershipOf } from "../../src/handoff/ownership.ts";
import { isCancel } from "../commands/interruptions.ts";
import type { Escalator } from "./handoff-request-flow.ts";
import { escalationInput } from "./policy-escalation-flow.ts";
import type { CustomerRelay } from "./relay-flow.ts";

/** What waiting for a person needs from the hand-off service. */
export interface HandoffQueue extends CustomerRelay {
  withdraw(ctx: TurnContext, reason: string): Promise<boolean>;
  queuePosition(conversation: string): Promise<number | undefined>;
}

const WITHDRAW =
  /\b(you can |please |just |go ahead and )?(close|cancel|withdraw|end) (it|this|that|the (request|ticket|chat|conversation)|my request)\b|\bno longer need\b|\bdon'?t need (a |the )?(person|human|agent|help) (anymore|any more|now)\b|\bnot needed any ?more\b|\b(i )?(figured|sorted|worked) it out\b|\bnever ?mind\b|닫아\s?(주세요|줘|도 (돼요|됩니다|괜찮아요))|종료해\s?(주세요|도)|요청\s?(을 )?취소|취소해\s?(주세요|줘)|해결(됐어요|했어요|됐습니다)|(이제 )?(괜찮아요|필요 없어요)/i;

/** "Never mind, you can close this", "취소해 주세요": the customer no longer wants a person. */
export const isWithdrawal = (text: string): boolean => isCancel(text) || WITHDRAW.test(text.trim());

/**
 * From the hand-off request until a person claims it: every message goes to the desk (and to the
 * ticket behind the hand-off), and the customer hears where they stand, never small talk or an
 * unrelated answer. "Never mind, you can close this" withdraws the request and tells the desk. A
 * threat or fraud while waiting raises the request's priority. Commands and buttons still work.
 */
export function queueFeature(options: {
  queue: HandoffQueue;
  escalator: Escalator;
  policy: EscalationPolicy;
}): Feature {
  async function wait(ctx: TurnContext): Promise<void> {
    if (isWithdrawal(ctx.text)) {
      await options.queue.relayCustomer(ctx);
      await options.queue.withdraw(ctx, "the customer no longer needs a person");
      ctx.reply(handoffMessages.t(ctx, "handoff.withdrawn"));
      ctx.act("command", escalationTrace.with({ escalationReason: "withdrawn by the customer" }));
      return;
    }
    const decision = evaluateEscalation(options.policy, escalationInput(ctx));
    if (decision) await options.escalator.escalate(ctx, decision);
    const position = await options.queue.queuePosition(ctx.conversation);
    ctx.reply(
      position !== undefined && position > 1
        ? handoffMessages.t(ctx, "handoff.waiting", { position })
        : handoffMessages.t(ctx, "handoff.waitingNext"),
    );
    // The desk sees the customer's words and what the bot told them.
    await options.queue.relayCustomer(ctx);
    const priority = ownershipOf(ctx.state)?.priority;
    ctx.act(
      "escalate",
      escalationTrace.with({ escalationReason: "relayed", ...(priority ? { priority } : {}) }),
    );
  }
  const waiting = (ctx: TurnContext) =>
    ownershipOf(ctx.state)?.status === "queued" && ctx.event.type === "message";
  return { name: "handoff-queue", install: (composer) => composer.intercept(waiting, wait) };
}
