import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { z } from "zod";
import type { Feature } from "../core/feature.ts";
import type { KnowledgeBase } from "../kb/schema.ts";
import { ConfigError } from "../model/errors.ts";
import type { IntentExample } from "../model/understanding.ts";
import { BUILTIN_INTENT_EXAMPLES } from "../understanding/intent/builtin-intents.ts";

/** Prefix of the intents that stand for "ask this FAQ entry". */
const FAQ_INTENT_PREFIX = "faq:";

/**
 * The operator's own intents (`INTENTS_PATH`): a YAML map from intent name to examples per locale,
 * e.g. `shipping_delay: { en: ["where is my parcel"], ko: ["배송이 안 와요"] }`.
 */
const operatorIntentsSchema = z.record(
  z.string().regex(/^[a-z][a-z0-9_]*$/, "intent names are lower_snake_case"),
  z.record(z.string(), z.array(z.string().trim().min(1)).min(1)),
);

/** Reads `INTENTS_PATH`; a bad file stops start-up with what to fix. */
export function loadOperatorIntents(file: string): IntentExample[] {
  let data: unknown;
  try {
    data = parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new ConfigError(`INTENTS_PATH=${file}: cannot read it as YAML (${(error as Error).message}).`);
  }
  const parsed = operatorIntentsSchema.safeParse(data);
  if (!parsed.success) {
    throw new ConfigError(
      `INTENTS_PATH=${file} is invalid: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}. Write intent: { en: [examples], ko: [examples] }.`,
    );
  }
  return Object.entries(parsed.data).flatMap(([intent, byLocale]) =>
    Object.entries(byLocale).flatMap(([locale, texts]) => texts.map((text) => ({ intent, text, locale }))),
  );
}

/**
 * Everything the intent classifier learns from: the built-in support intents, the intents features
 * declare, each KB entry's questions (as `faq:<id>`), and the operator's own intents.
 */
export function collectIntentExamples(sources: {
  kb: KnowledgeBase;
  features: readonly Feature[];
  operator?: readonly IntentExample[];
}): IntentExample[] {
  const fromKb = sources.kb.entries.flatMap((entry) =>
    Object.entries(entry.questions).flatMap(([locale, questions]) =>
      questions.map((text) => ({ intent: `${FAQ_INTENT_PREFIX}${entry.id}`, text, locale })),
    ),
  );
  return [
    ...BUILTIN_INTENT_EXAMPLES,
    ...sources.features.flatMap((feature) => feature.intents ?? []),
    ...fromKb,
    ...(sources.operator ?? []),
  ];
}
