import type { TurnContext } from "../../src/core/context.ts";
import type { Feature } from "../../src/core/feature.ts";
import { commandMessages } from "../commands/command-messages.ts";
import { isAcknowledgement, isCancel } from "../commands/interruptions.ts";
import { smalltalkMessages } from "./smalltalk-messages.ts";

const SMALLTALK_INTENTS = new Set(["greeting", "thanks", "goodbye"]);
/** Longer messages that look like a greeting usually carry a question ("hi, my card was declined"). */
const MAX_WORDS = 8;
/** A bare "help": the customer wants to know what the bot can do, not a KB entry. */
const THANKS = /^(thanks|thank you|thx|ty|cheers|감사합니다|감사해요|고마워요|고맙습니다|땡큐)[.!~]*$/i;
const HELP = /^(help|help me|help please|\?+|도움말|도와주세요|도와줘|헬프)[.!?]*$/i;

/**
 * Greetings, thanks and goodbyes, answered in the customer's language; bare acknowledgements ("ok",
 * "👍", "네"), "never mind" and a bare "help". Only short messages whose intent is clear: "thanks,
 * but how do I get a refund?" goes on to the FAQ. None of these is an unanswered question.
 */
export function smalltalkFeature(options: { threshold?: number } = {}): Feature {
  const threshold = options.threshold ?? 0.6;
  function isSmalltalk(ctx: TurnContext): boolean {
    const text = ctx.text.trim();
    if (isAcknowledgement(text) || isCancel(text) || THANKS.test(text) || HELP.test(text)) return true;
    const intent = ctx.understanding.intent;
    if (
      !intent ||
      intent.outOfScope ||
      !SMALLTALK_INTENTS.has(intent.name) ||
      intent.confidence < threshold
    ) {
      return false;
    }
    const words = text.split(/\s+/).length;
    return words <= MAX_WORDS;
  }
  function reply(ctx: TurnContext): void {
    const text = ctx.text.trim();
    if (HELP.test(text)) {
      ctx.reply(commandMessages.t(ctx, "help.text", { bot: ctx.botName }));
      ctx.act("command");
      return;
    }
    const intent = ctx.understanding.intent?.name;
    if (isCancel(text)) ctx.reply(smalltalkMessages.t(ctx, "smalltalk.cancelled"));
    else if (intent === "thanks" || THANKS.test(text))
      ctx.reply(smalltalkMessages.t(ctx, "smalltalk.thanks"));
    else if (isAcknowledgement(text)) ctx.reply(smalltalkMessages.t(ctx, "smalltalk.ack"));
    else if (intent === "goodbye") ctx.reply(smalltalkMessages.t(ctx, "smalltalk.goodbye"));
    else
      ctx.reply(
        smalltalkMessages.t(ctx, ctx.state.turns > 0 ? "smalltalk.greetingAgain" : "smalltalk.greeting", {
          bot: ctx.botName,
        }),
      );
    ctx.act("smalltalk");
  }
  return {
    name: "smalltalk",
    messages: smalltalkMessages,
    install: (composer) => composer.hears((ctx) => ctx.event.type === "message" && isSmalltalk(ctx), reply),
  };
}
