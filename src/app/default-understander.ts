import type { Feature } from "../core/feature.ts";
import type { Logger } from "../core/logger.ts";
import type { Understander } from "../core/understander.ts";
import type { KnowledgeService } from "../kb/knowledge-service.ts";
import type { Llm } from "../llm/create-llm.ts";
import { NO_INTENT } from "../llm/pick-intent.ts";
import type { IntentExample, IntentResult, Understanding } from "../model/understanding.ts";
import { createOfflineUnderstander } from "../understanding/offline-understander.ts";
import { collectIntentExamples } from "./intent-examples.ts";

/** Below this confidence (or when out of scope but something came close) the LLM may weigh in. */
const UNSURE_BELOW = 0.6;
const CLOSE_ENOUGH = 0.2;
const CANDIDATES = 5;

function unsure(intent: IntentResult): boolean {
  const nearest = intent.ranked[0]?.confidence ?? 0;
  return intent.outOfScope ? nearest >= CLOSE_ENOUGH : intent.confidence < UNSURE_BELOW;
}

/**
 * The understanding step used by `npm start` and replay: the offline models (language, intent with
 * out-of-scope, sentiment and emotion), trained at start-up on the built-in intents, the features' and
 * the operator's examples and the KB's questions, and retrained when the KB is reloaded. With an LLM
 * configured, an unsure intent gets a second opinion restricted to the classifier's own candidates.
 */
export function createDefaultUnderstander(sources: {
  knowledge: KnowledgeService;
  features: readonly Feature[];
  operatorIntents?: readonly IntentExample[];
  logger: Logger;
  llm?: Pick<Llm, "pickIntent">;
}): Understander {
  let examples: IntentExample[] = [];
  const collect = () => {
    examples = collectIntentExamples({
      kb: sources.knowledge.current().kb,
      features: sources.features,
      ...(sources.operatorIntents ? { operator: sources.operatorIntents } : {}),
    });
    return examples;
  };
  const started = performance.now();
  const understander = createOfflineUnderstander({ examples: collect() });
  sources.logger.debug({ ms: Math.round(performance.now() - started) }, "intent model trained");
  sources.knowledge.onReload(() => understander.retrain(collect()));

  async function secondOpinion(text: string, intent: IntentResult): Promise<IntentResult> {
    if (!sources.llm) return intent;
    const candidates = intent.ranked.slice(0, CANDIDATES).map(({ name }) => ({
      name,
      examples: examples
        .filter((example) => example.intent === name)
        .slice(0, 3)
        .map((example) => example.text),
    }));
    const picked = await sources.llm.pickIntent({ text, intents: candidates });
    if (!picked || picked === NO_INTENT) return intent;
    const confidence = intent.ranked.find((candidate) => candidate.name === picked)?.confidence ?? 0;
    return { ...intent, name: picked, outOfScope: false, confidence: Math.max(confidence, UNSURE_BELOW) };
  }

  return {
    understand(text, hint) {
      const result: Understanding = understander.understand(
        text,
        hint.language ? { language: hint.language } : {},
      );
      if (!sources.llm || !result.intent || !unsure(result.intent)) return result;
      const intent = result.intent;
      return secondOpinion(result.redacted ?? text, intent).then((better) => ({ ...result, intent: better }));
    },
  };
}
