import type { Flow } from "../core/flow.ts";
import { createScriptUnderstander } from "../core/script-understander.ts";
import type { Understander } from "../core/understander.ts";
import type { KnowledgeSnapshot } from "../kb/knowledge-service.ts";

/**
 * The understanding step used by `npm start` and replay. Until the offline intent and sentiment
 * models are wired in, it detects the language by script.
 */
export function createDefaultUnderstander(_sources: {
  knowledge: KnowledgeSnapshot;
  flows: readonly Flow[];
}): Understander {
  return createScriptUnderstander();
}
