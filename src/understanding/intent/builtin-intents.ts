import type { IntentExample } from "../../model/understanding.ts";
import { BUILTIN_EXAMPLES_EN } from "./builtin-intents-en.ts";
import { BUILTIN_EXAMPLES_KO } from "./builtin-intents-ko.ts";

function toExamples(byIntent: Readonly<Record<string, readonly string[]>>, locale: string): IntentExample[] {
  return Object.entries(byIntent).flatMap(([intent, texts]) =>
    texts.map((text) => ({ intent, text, locale })),
  );
}

/**
 * Built-in examples in English and Korean (about 20 per intent per language), written for this
 * project, for the support intents the bot knows out of the box: greeting, thanks, goodbye,
 * human_request, refund_request, bug_report, billing_problem, account_problem, ticket_status and
 * complaint. They also include an `out_of_scope` class of off-topic chat (weather, trivia, jokes),
 * which the classifier reports as out of scope, never as an intent. Operators add their own
 * intents from config; pass both lists to the classifier.
 */
export const BUILTIN_INTENT_EXAMPLES: readonly IntentExample[] = [
  ...toExamples(BUILTIN_EXAMPLES_EN, "en"),
  ...toExamples(BUILTIN_EXAMPLES_KO, "ko"),
];
