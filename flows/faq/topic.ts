import type { TurnContext } from "../../src/core/context.ts";
import { isFollowUp } from "../../src/kb/engine/message-parts.ts";
import { faqMemory, updateFaqMemory } from "./faq-memory.ts";

/**
 * The conversation's FAQ topic: the entry the bot answered last, or offered first when it asked
 * which one was meant. One notion for everything that reads a message in its conversation: the
 * engine reads a follow-up with it ("and on Android?"), the LLM rewrites a follow-up from it, and
 * "I'm new to this" walks through it when it was answered.
 */
export function faqTopic(ctx: TurnContext): string | undefined {
  const topic = faqMemory(ctx.state).topic;
  return topic === "" ? undefined : topic;
}

export function setFaqTopic(ctx: TurnContext, entryId: string | undefined): void {
  updateFaqMemory(ctx.state, { topic: entryId });
}

/**
 * The topic `text` follows up on ("and on Android?", "쿠폰은요?"), by the engine's own reading of a
 * follow-up: the LLM rewrites exactly the messages the engine would read with the topic.
 */
export function followedTopic(ctx: TurnContext, text: string): string | undefined {
  const topic = faqTopic(ctx);
  return topic !== undefined && isFollowUp(text) ? topic : undefined;
}
