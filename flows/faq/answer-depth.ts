import type { TurnContext } from "../../src/core/context.ts";
import type { KbEntry, KnowledgeBase } from "../../src/kb/schema.ts";
import type { Button } from "../../src/model/outbound.ts";

/** Action of the "Show me step by step" button; its value is the entry id. */
export const STEPS_ACTION = "faq.steps";

/** How many answered entries a conversation remembers (to notice the same question asked again). */
const REMEMBERED = 10;

/** The entry's step-by-step variant in the turn's language (or the KB's default), if it has one. */
export function stepsOf(entry: KbEntry, language: string, kb: KnowledgeBase): string | undefined {
  return (entry.steps?.[language] ?? entry.steps?.[kb.defaultLocale])?.trim() || undefined;
}

function answered(ctx: TurnContext): string[] {
  const value = ctx.state.memory.faqAnswered;
  return Array.isArray(value) ? value.filter((id): id is string => typeof id === "string") : [];
}

/** The entry answered last in this conversation, if any. */
export function lastAnswered(ctx: TurnContext): string | undefined {
  return answered(ctx).at(-1);
}

/** Remembers that `entryId` was answered, so asking it again brings the step-by-step variant. */
export function rememberAnswered(ctx: TurnContext, entryId: string): void {
  const ids = answered(ctx).filter((id) => id !== entryId);
  ctx.state.memory.faqAnswered = [...ids, entryId].slice(-REMEMBERED);
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
  return [{ kind: "action", label: ctx.t("faq.stepsButton"), action: STEPS_ACTION, value: entry.id }];
}
