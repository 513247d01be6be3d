import type { Understander } from "../../src/core/understander.ts";
import type { SentimentResult } from "../../src/model/understanding.ts";

/**
 * An understanding step with fixed answers: texts matching a pattern get that intent (and
 * sentiment). Flow tests use it to pin the flow's behaviour independently of the models.
 */
export function scriptedUnderstander(
  rules: { pattern: RegExp; intent: string; confidence?: number; sentiment?: SentimentResult }[],
): Understander {
  return {
    understand(text) {
      const language = /[가-힣]/.test(text) ? "ko" : "en";
      const rule = rules.find((candidate) => candidate.pattern.test(text));
      if (!rule) return { language: { code: language, confidence: 0.95 } };
      const confidence = rule.confidence ?? 0.9;
      return {
        language: { code: language, confidence: 0.95 },
        intent: {
          name: rule.intent,
          confidence,
          outOfScope: false,
          ranked: [{ name: rule.intent, confidence }],
        },
        ...(rule.sentiment ? { sentiment: rule.sentiment } : {}),
      };
    },
  };
}
