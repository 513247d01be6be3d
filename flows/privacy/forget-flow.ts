import type { TurnContext } from "../../src/core/context.ts";
import type { Flow } from "../../src/core/flow.ts";
import type { Erasure } from "../../src/privacy/erasure.ts";

/**
 * `/forget`: erasure on request (GDPR, PIPA). After the customer confirms with a button, everything
 * personal is erased and they are told what; the conversation starts afresh.
 */
export function createForgetFlow(options: { erasure: Erasure }): Flow {
  return {
    name: "forget",
    commands: ["forget"],
    actions: ["forget."],
    async handle(ctx: TurnContext) {
      const event = ctx.event;
      ctx.act("command");
      if (event.type === "command") {
        ctx.reply(ctx.t("forget.confirm"), [
          { kind: "action", label: ctx.t("forget.yes"), action: "forget.confirm" },
          { kind: "action", label: ctx.t("forget.no"), action: "forget.cancel" },
        ]);
        return;
      }
      if (event.type !== "action" || event.action !== "forget.confirm") {
        ctx.reply(ctx.t("forget.kept"));
        return;
      }
      const report = await options.erasure.erase(ctx.user.channel, ctx.user.id, ctx.conversation);
      ctx.forgetConversation();
      ctx.reply(ctx.t("forget.done", { ...report }));
    },
  };
}

/** Records each customer's conversations on their first turn, so erasure finds all of them. */
export function rememberConversations(erasure: Erasure): (ctx: TurnContext) => Promise<void> {
  return async (ctx) => {
    if (ctx.state.turns === 0 && !ctx.forgotten)
      await erasure.remember(ctx.user.channel, ctx.user.id, ctx.conversation);
  };
}
