import { z } from "zod";
import type { TurnContext } from "../../src/core/context.ts";
import type { Feature } from "../../src/core/feature.ts";
import { defineSlice } from "../../src/core/slice.ts";
import type { SupportedLanguage } from "../../src/i18n/languages.ts";

export type Feeling = "anger" | "disappointment" | "mild";

/**
 * Opening lines for upset customers. Several per feeling so the bot does not repeat itself:
 * anger gets an apology and immediacy, disappointment gets reassurance.
 */
const LINES: Record<SupportedLanguage, Record<Feeling, string[]>> = {
  en: {
    anger: [
      "I'm really sorry about this. Let's get it sorted out right away.",
      "I understand why you're upset, and I apologise. Here's what we can do right now.",
      "Sorry, this isn't the experience you should be having. Let me help straight away.",
    ],
    disappointment: [
      "I'm sorry it didn't turn out the way you hoped. We'll make it right.",
      "That's disappointing, I understand. Let's fix it together.",
      "I hear you, and we want this to work for you. Here's what will help.",
    ],
    mild: [
      "No worries, that happens to everyone. Here's what to do:",
      "That's annoying, I know. Here's the quickest way:",
      "Happens to the best of us! Here's how:",
    ],
  },
  ko: {
    anger: [
      "불편을 드려 정말 죄송합니다. 바로 해결할 수 있도록 도와드릴게요.",
      "많이 답답하셨을 것 같아요. 죄송합니다, 지금 바로 확인해 볼게요.",
      "이런 일을 겪게 해 드려 죄송합니다. 곧바로 도와드릴게요.",
    ],
    disappointment: [
      "기대에 못 미쳐 아쉬우셨을 것 같아요. 꼭 해결해 드릴게요.",
      "실망하신 마음 충분히 이해해요. 함께 해결해 볼게요.",
      "속상하셨겠어요. 제대로 해결될 수 있도록 도와드릴게요.",
    ],
    mild: [
      "괜찮아요, 누구나 그럴 수 있어요. 이렇게 하시면 돼요.",
      "번거로우셨죠. 가장 빠른 방법을 알려 드릴게요.",
      "자주 있는 일이에요! 이렇게 해 보세요.",
    ],
  },
};

/** How upset the customer is, from the understanding step; undefined when they are not. */
export function feelingOf(ctx: TurnContext, threshold = 0.4): Feeling | undefined {
  const sentiment = ctx.understanding.sentiment;
  if (sentiment?.label !== "negative") return undefined;
  const { anger, disappointment } = sentiment.emotions;
  // A swear and nothing else heated ("damn, forgot my password again"): a light touch, not an apology.
  if (isMildSwear(sentiment)) return "mild";
  if (anger >= threshold && anger >= disappointment) return "anger";
  // An emotion cue is required: a merely negative-sounding question ("my card was declined") gets a
  // plain, fast answer, not a scripted apology.
  return disappointment >= threshold ? "disappointment" : undefined;
}

/**
 * A swear is the only heat signal and the anger is moderate: a mild one ("damn", "젠장", which the
 * sentiment model no longer reads as anger) or a stronger one that nothing else backs up.
 */
export function isMildSwear(sentiment: { emotions: { anger: number }; signals: readonly string[] }): boolean {
  const [only, ...others] = sentiment.signals;
  return (
    others.length === 0 &&
    (only === "mild_profanity" || only === "profanity") &&
    sentiment.emotions.anger < 0.75
  );
}

/** The last opening line the conversation heard. */
const lastLine = defineSlice("empathy", z.object({ lastLine: z.string().max(500) }));

/** Picks an opening line, never the same one twice in a row in a conversation. */
export function empathyLine(ctx: TurnContext, feeling: Feeling): string {
  const lines = LINES[ctx.language][feeling];
  const previous = lastLine.get(ctx.state)?.lastLine;
  const start = (ctx.state.turns + ctx.conversation.length) % lines.length;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[(start + i) % lines.length] as string;
    if (line !== previous) {
      lastLine.set(ctx.state, { lastLine: line });
      return line;
    }
  }
  return lines[0] as string;
}

/**
 * After the features after it answered: if the customer is upset and the bot answered, clarified or
 * fell back, the first reply opens with an empathetic line in the customer's language.
 */
export function empathyFeature(): Feature {
  return { name: "empathy", install: (composer) => composer.after(applyEmpathy) };
}

function applyEmpathy(ctx: TurnContext): void {
  const action = ctx.trace.action;
  if (action !== "answer" && action !== "clarify" && action !== "fallback") return;
  const feeling = feelingOf(ctx);
  const first = ctx.replies[0];
  if (!feeling || !first) return;
  first.text = `${empathyLine(ctx, feeling)}\n\n${first.text}`;
}
