import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { type LinearSentimentModel, linearSentimentModelFromJSON } from "./linear-sentiment-model.ts";

/** Shipped Korean model (trained on ko_nsmc_rebuilt, CC0) — see models/README.md. */
export const KO_SENTIMENT_MODEL_URL = new URL("../models/ko-sentiment.json.gz", import.meta.url);
/**
 * Shipped English model (trained on the TweetEval sentiment validation tweets; hashed weights only,
 * no tweet text) — see models/PROVENANCE.md.
 */
export const EN_SENTIMENT_MODEL_URL = new URL("../models/en-sentiment.json.gz", import.meta.url);

/** Loads a model file if it exists; a missing file gives `undefined`, a corrupt one throws. */
export function loadSentimentModelFile(url: URL): LinearSentimentModel | undefined {
  const path = fileURLToPath(url);
  if (!existsSync(path)) return undefined;
  try {
    const bytes = readFileSync(path);
    // Model files are gzipped JSON (smaller in git, and out of the linters' way); plain JSON also works.
    const text = path.endsWith(".gz") ? gunzipSync(bytes).toString("utf8") : bytes.toString("utf8");
    return linearSentimentModelFromJSON(JSON.parse(text));
  } catch (error) {
    throw new Error(
      `sentiment model ${path} is unreadable (${String(error)}): delete it or run \`npm run train\``,
    );
  }
}
