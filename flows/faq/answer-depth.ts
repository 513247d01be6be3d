import type { TurnContext } from "../../src/core/context.ts";
import type { KbEntry, KnowledgeBase } from "../../src/kb/schema.ts";
import type { Button } from "../../src/model/outbound.ts";
import { faqMemory, updateFaqMemory } from "./faq-memory.ts";
import { faqMessages } from "./faq-messages.ts";
import { faqTopic, setFaqTopic } from "./topic.ts";

/** Action of the "Show me step by step" button; its value is the entry id. */
export const STEPS_ACTION = "faq.steps";

/** How many answered entries a conversation remembers (to notice the same question asked again). */
const REMEMBERED = 10;

/** The entry's step-by-step variant in the turn's language (or the KB's default), if it has one. */
export function stepsOf(entry: KbEntry, language: string, kb: KnowledgeBase): string | undefined {
  return (entry.steps?.[language] ?? entry.steps?.[kb.defaultLocale])?.trim() || undefined;
}

function answered(ctx: TurnContext): string[] {
  return faqMemory(ctx.state).answered;
}

/** The conversation's topic when the bot answered it (not merely offered it): what "I'm new" walks through. */
export function answeredTopic(ctx: TurnContext): string | undefined {
  const topic = faqTopic(ctx);
  return topic !== undefined && answered(ctx).includes(topic) ? topic : undefined;
}

/**
 * Remembers that `entryId` was answered: it becomes the conversation's topic, and asking it again
 * brings the step-by-step variant.
 */
export function rememberAnswered(ctx: TurnContext, entryId: string): void {
  const ids = answered(ctx).filter((id) => id !== entryId);
  updateFaqMemory(ctx.state, { answered: [...ids, entryId].slice(-REMEMBERED) });
  setFaqTopic(ctx, entryId);
}

/**
 * The step-by-step variant goes first when the customer says they are new ("I'm new to this",
 * "처음이라") or asks about an entry already answered in this conversation: the short answer did
 * not do it the first time.
 */
export function wantsSteps(ctx: TurnContext, entry: KbEntry, kb: KnowledgeBase): boolean {
  if (!stepsOf(entry, ctx.language, kb)) return false;
  return ctx.understanding.newcomer === true || answered(ctx).includes(entry.id);
}

/** The "Show me step by step" button under an answer whose entry has a variant. */
export function stepsButton(ctx: TurnContext, entry: KbEntry, kb: KnowledgeBase): Button[] {
  if (!stepsOf(entry, ctx.language, kb)) return [];
  return [
    { kind: "action", label: faqMessages.t(ctx, "faq.stepsButton"), action: STEPS_ACTION, value: entry.id },
  ];
}
