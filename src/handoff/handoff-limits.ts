import type { TurnContext } from "../core/context.ts";
import type { OutcomeCap } from "../core/gate.ts";
import type { Logger } from "../core/logger.ts";
import type { HandoffPacket } from "./desk.ts";
import { handoffMessages } from "./handoff-messages.ts";

/**
 * Why no new hand-off may be opened for the customer of this turn, in their language, or
 * `undefined` when it may: they already wait for a person in another conversation, or their
 * budget of hand-offs (`RATE_LIMIT_HANDOFFS`, per user and per web client address) is used up.
 */
export function createHandoffLimits(options: {
  cap: OutcomeCap;
  /** The open hand-offs' packets. */
  open: () => Promise<readonly { packet: HandoffPacket }[]>;
  logger: Logger;
}): (ctx: TurnContext) => Promise<string | undefined> {
  return async (ctx) => {
    const waiting = (await options.open()).some(
      ({ packet }) =>
        packet.conversation !== ctx.conversation &&
        packet.channel === ctx.address.channel &&
        packet.customer.id === ctx.user.id,
    );
    if (waiting) return handoffMessages.t(ctx, "handoff.limitOpen");
    const verdict = await options.cap.take({
      channel: ctx.user.channel,
      userId: ctx.user.id,
      clientKey: ctx.event.clientKey,
    });
    if (verdict.allowed) return undefined;
    options.logger.warn(
      { conversation: ctx.conversation },
      "hand-off refused: the customer's budget of hand-offs is used up",
    );
    return handoffMessages.t(ctx, "handoff.limitRate", {
      minutes: Math.max(1, Math.ceil(verdict.retryAfterMs / 60_000)),
    });
  };
}
