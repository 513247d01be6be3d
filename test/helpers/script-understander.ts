import type { Understander } from "../../src/core/understander.ts";
import type { Understanding } from "../../src/model/understanding.ts";

/**
 * Minimal understanding: language by script only (Hangul → ko, Latin → en). Used where the full
 * offline models are not wanted (fast unit tests of the pipeline).
 */
export function createScriptUnderstander(): Understander {
  return {
    understand(text, hint): Understanding {
      const hangul = (text.match(/[\uac00-\ud7a3\u3131-\u318e]/g) ?? []).length;
      const latin = (text.match(/[a-z]/gi) ?? []).length;
      if (hangul === 0 && latin === 0) return { language: { code: hint.language ?? "und", confidence: 0.3 } };
      return hangul >= latin / 3
        ? { language: { code: "ko", confidence: 0.95 } }
        : { language: { code: "en", confidence: latin >= 3 ? 0.9 : 0.6 } };
    },
  };
}
