import type { Flow } from "../core/flow.ts";
import type { Logger } from "../core/logger.ts";
import type { Understander } from "../core/understander.ts";
import type { KnowledgeService } from "../kb/knowledge-service.ts";
import { createOfflineUnderstander } from "../understanding/offline-understander.ts";
import type { IntentExample } from "../understanding/types.ts";
import { collectIntentExamples } from "./intent-examples.ts";

/**
 * The understanding step used by `npm start` and replay: the offline models (language, intent with
 * out-of-scope, sentiment and emotion), trained at start-up on the built-in intents, the flows' and
 * the operator's examples and the KB's questions, and retrained when the KB is reloaded.
 */
export function createDefaultUnderstander(sources: {
  knowledge: KnowledgeService;
  flows: readonly Flow[];
  operatorIntents?: readonly IntentExample[];
  logger: Logger;
}): Understander {
  const examples = () =>
    collectIntentExamples({
      kb: sources.knowledge.current().kb,
      flows: sources.flows,
      ...(sources.operatorIntents ? { operator: sources.operatorIntents } : {}),
    });
  const started = performance.now();
  const understander = createOfflineUnderstander({ examples: examples() });
  sources.logger.debug({ ms: Math.round(performance.now() - started) }, "intent model trained");
  sources.knowledge.onReload(() => understander.retrain(examples()));
  return {
    understand: (text, hint) =>
      understander.understand(text, hint.language ? { language: hint.language } : {}),
  };
}
