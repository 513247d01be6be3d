import type { TurnContext } from "../../src/core/context.ts";
import type { Feature } from "../../src/core/feature.ts";
import { escalationTrace } from "../../src/handoff/escalation-trace.ts";
import { handoffMessages } from "../../src/handoff/handoff-messages.ts";
import { leaseExpired, ownershipOf } from "../../src/handoff/ownership.ts";

/** What the relay needs from the hand-off service. */
export interface CustomerRelay {
  relayCustomer(ctx: TurnContext): Promise<void>;
  /** The person's lease lapsed: back to the bot, the desk item kept unassigned. */
  leaseLapsed(ctx: TurnContext): Promise<void>;
}

/** Commands the customer can still use while a person owns the conversation. */
const SELF_SERVICE_COMMANDS = new Set(["lang", "forget", "status"]);
const SELF_SERVICE_ACTIONS = ["forget.", "csat."];

/**
 * While a person owns the conversation the bot stays silent: every message and button press goes to
 * the desk. If the person's lease ran out, the bot takes the conversation back, says so, and handles
 * the message itself.
 */
export function relayFeature(options: { relay: CustomerRelay; now?: () => number }): Feature {
  const now = options.now ?? Date.now;
  function personOwns(ctx: TurnContext): boolean {
    if (ownershipOf(ctx.state)?.status !== "human") return false;
    const event = ctx.event;
    if (event.type === "command") return !SELF_SERVICE_COMMANDS.has(event.command);
    if (event.type === "action")
      return !SELF_SERVICE_ACTIONS.some((prefix) => event.action.startsWith(prefix));
    return true;
  }
  async function relay(ctx: TurnContext): Promise<void> {
    const ownership = ownershipOf(ctx.state);
    if (ownership && leaseExpired(ownership, now())) {
      await options.relay.leaseLapsed(ctx);
      ctx.reply(handoffMessages.t(ctx, "handoff.expired"));
      if (ctx.event.type === "message") ctx.followUp(ctx.text);
      ctx.act("fallback");
      return;
    }
    await options.relay.relayCustomer(ctx);
    ctx.act(
      "escalate",
      escalationTrace.with({ escalationReason: "relayed to the person handling the conversation" }),
    );
  }
  return {
    name: "handoff-relay",
    // The bot stays silent while a person owns the conversation: nothing after this runs.
    install: (composer) => composer.intercept(personOwns, relay),
  };
}
