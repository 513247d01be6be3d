import type { Flow } from "../../src/core/flow.ts";

const SMALLTALK_INTENTS = new Set(["greeting", "thanks", "goodbye"]);
/** Longer messages that look like a greeting usually carry a question ("hi, my card was declined"). */
const MAX_WORDS = 8;

/**
 * Greetings, thanks and goodbyes, answered in the customer's language. Only short messages whose
 * intent is clear: "thanks, but how do I get a refund?" goes on to the FAQ.
 */
export function createSmalltalkFlow(options: { threshold?: number } = {}): Flow {
  const threshold = options.threshold ?? 0.6;
  return {
    name: "smalltalk",
    match(ctx) {
      const intent = ctx.understanding.intent;
      if (
        !intent ||
        intent.outOfScope ||
        !SMALLTALK_INTENTS.has(intent.name) ||
        intent.confidence < threshold
      ) {
        return false;
      }
      const words = ctx.text.trim().split(/\s+/).length;
      return words <= MAX_WORDS;
    },
    handle(ctx) {
      const intent = ctx.understanding.intent?.name;
      if (intent === "thanks") ctx.reply(ctx.t("smalltalk.thanks"));
      else if (intent === "goodbye") ctx.reply(ctx.t("smalltalk.goodbye"));
      else
        ctx.reply(
          ctx.t(ctx.state.turns > 0 ? "smalltalk.greetingAgain" : "smalltalk.greeting", { bot: ctx.botName }),
        );
      ctx.act("smalltalk");
    },
  };
}
