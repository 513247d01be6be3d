import type { TurnContext } from "../../src/core/context.ts";
import type { Feature } from "../../src/core/feature.ts";
import { handoffMessages } from "../../src/handoff/handoff-messages.ts";
import type { Erasure } from "../../src/privacy/erasure.ts";
import { privacyMessages } from "./privacy-messages.ts";

/**
 * `/forget`: erasure on request (GDPR, PIPA). After the customer confirms with a button, everything
 * personal is erased and they are told what; the conversation starts afresh. A hand-off in progress
 * is closed first: the desk is told, and so is the customer.
 */
export function forgetFeature(options: {
  erasure: Erasure;
  /** Closes an open hand-off first, telling the desk (before the erasure removes its thread). */
  handoff?: { withdraw(ctx: TurnContext, reason: string): Promise<boolean> };
}): Feature {
  async function forget(ctx: TurnContext): Promise<void> {
    const event = ctx.event;
    ctx.act("command");
    if (event.type === "command") {
      ctx.reply(privacyMessages.t(ctx, "forget.confirm"), [
        { kind: "action", label: privacyMessages.t(ctx, "forget.yes"), action: "forget.confirm" },
        { kind: "action", label: privacyMessages.t(ctx, "forget.no"), action: "forget.cancel" },
      ]);
      return;
    }
    if (event.type !== "action" || event.action !== "forget.confirm") {
      ctx.reply(privacyMessages.t(ctx, "forget.kept"));
      return;
    }
    const closed =
      (await options.handoff?.withdraw(ctx, "the customer asked for their data to be erased")) ?? false;
    const report = await options.erasure.erase(ctx.user.channel, ctx.user.id, ctx.conversation);
    ctx.forgetConversation();
    ctx.reply(privacyMessages.t(ctx, "forget.done", { ...report }));
    if (closed) ctx.reply(handoffMessages.t(ctx, "handoff.closedByForget"));
  }
  return {
    name: "forget",
    messages: privacyMessages,
    install(composer) {
      // Every turn, not only the first: the index expires with the conversations, so an active
      // customer's must be kept alive (`remember` writes only when something changed or the expiry
      // needs pushing back). Erasure then finds all of a customer's conversations.
      composer.after(async (ctx) => {
        if (!ctx.forgotten) await options.erasure.remember(ctx.user.channel, ctx.user.id, ctx.conversation);
      });
      composer.command("forget", forget);
      composer.action("forget.", forget);
    },
  };
}
