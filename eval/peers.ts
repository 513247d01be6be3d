/**
 * Peers measured in the same run: nlp.js (NluNeural through `@nlpjs/basic`) for intents and the
 * `sentiment` package (AFINN-165) for sentiment. Both are devDependencies, loaded lazily.
 */

interface NlpClassification {
  intent: string;
  score: number;
}

/** The part of nlp.js's `Nlp` the harness uses. */
export interface NlpJsPeer {
  classify(text: string): Promise<string>;
}

interface NlpLike {
  settings: Record<string, unknown>;
  nluManager: { settings: Record<string, unknown> };
  addLanguage(locale: string): void;
  addDocument(locale: string, utterance: string, intent: string): void;
  train(): Promise<unknown>;
  classify(locale: string, utterance: string): Promise<{ classifications?: NlpClassification[] }>;
}

interface NlpJsModule {
  containerBootstrap(): Promise<{ use(plugin: unknown): void; get(name: string): unknown }>;
  Nlp: unknown;
  LangEn: unknown;
}

/**
 * Trains nlp.js on the examples, offline and quietly: a bare container (no conf.json, no files
 * written: autoSave off) and training logs off. Its logger warns at import time unless NODE_ENV is
 * production, so that is set around the import.
 */
export async function trainNlpJs(examples: readonly { text: string; label: string }[]): Promise<NlpJsPeer> {
  const env = process.env.NODE_ENV;
  process.env.NODE_ENV = "production";
  const mod = (await import("@nlpjs/basic")) as unknown as NlpJsModule;
  if (env === undefined) delete process.env.NODE_ENV;
  else process.env.NODE_ENV = env;
  const container = await mod.containerBootstrap();
  container.use(mod.Nlp);
  container.use(mod.LangEn);
  const nlp = container.get("nlp") as NlpLike;
  nlp.settings.autoSave = false;
  nlp.settings.calculateSentiment = false;
  nlp.nluManager.settings.log = false;
  nlp.addLanguage("en");
  for (const e of examples) nlp.addDocument("en", e.text, e.label);
  await nlp.train();
  return {
    async classify(text) {
      const r = await nlp.classify("en", text);
      return r.classifications?.[0]?.intent ?? "None";
    },
  };
}

/** AFINN-165 via the `sentiment` package: score > 0 positive (2), < 0 negative (0), else neutral (1). */
export async function createAfinn(): Promise<(text: string) => number> {
  const { default: Sentiment } = await import("sentiment");
  const analyzer = new Sentiment();
  return (text) => {
    const s = analyzer.analyze(text).score;
    return s > 0 ? 2 : s < 0 ? 0 : 1;
  };
}
