import type { Understander } from "../../src/core/understander.ts";
import type { SentimentResult } from "../../src/model/understanding.ts";
import { askOf, asksStatus, reportsProblem, saysNewcomer } from "../../src/understanding/request-cues.ts";

/**
 * An understanding step with fixed answers: texts matching a pattern get that intent (and
 * sentiment). Flow tests use it to pin the flow's behaviour independently of the models. The
 * request cues (information or action, status request, newcomer, problem) are read as the real
 * understander reads them: they are rules, not models.
 */
export function scriptedUnderstander(
  rules: { pattern: RegExp; intent: string; confidence?: number; sentiment?: SentimentResult }[],
): Understander {
  return {
    understand(text) {
      const language = /[가-힣]/.test(text) ? "ko" : "en";
      const cues = {
        ask: askOf(text),
        statusRequest: asksStatus(text),
        newcomer: saysNewcomer(text),
        problem: reportsProblem(text),
      };
      const rule = rules.find((candidate) => candidate.pattern.test(text));
      if (!rule) return { language: { code: language, confidence: 0.95 }, ...cues };
      const confidence = rule.confidence ?? 0.9;
      return {
        language: { code: language, confidence: 0.95 },
        ...cues,
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
