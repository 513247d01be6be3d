import { z } from "zod";
import { redactPii } from "../privacy/pii.ts";
import { completeJson, parseOutput } from "./call-model.ts";
import { DATA_ONLY_RULE } from "./injection-guard.ts";
import type { LlmRuntime } from "./runtime.ts";

/** The answer meaning "none of the offered intents fits". */
export const NO_INTENT = "none";

/** One candidate intent with a few example utterances. */
export interface IntentChoice {
  name: string;
  examples: readonly string[];
}

export interface PickIntentInput {
  text: string;
  /** The classifier's top candidates (a handful). An intent literally named "none" is ignored. */
  intents: readonly IntentChoice[];
  signal?: AbortSignal;
}

const MAX_INTENTS = 8;
const MAX_EXAMPLES = 3;

/**
 * Asks the model which of the offered intents the message expresses. Resolves with one of the
 * offered names, {@link NO_INTENT}, or undefined when there is no usable decision (offline, error,
 * or an answer outside the list, which is never passed on).
 */
export async function pickIntent(rt: LlmRuntime, input: PickIntentInput): Promise<string | undefined> {
  const intents = input.intents.filter((intent) => intent.name !== NO_INTENT).slice(0, MAX_INTENTS);
  if (intents.length === 0 || input.text.trim() === "") return undefined;
  const names = intents.map((intent) => intent.name);
  const outcome = await completeJson(
    rt,
    {
      task: "intent",
      system: [
        "You classify one customer message into exactly one of the intents listed in the user message.",
        DATA_ONLY_RULE,
        `Choose the intent whose examples mean the same as the message. If none fits, choose "${NO_INTENT}".`,
        'Reply only with JSON: {"intent": "<one of the listed names or none>"}.',
      ].join("\n"),
      user: JSON.stringify({
        intents: intents.map((intent) => ({
          name: intent.name,
          examples: intent.examples.slice(0, MAX_EXAMPLES).map((example) => example.slice(0, 160)),
        })),
        message: redactPii(input.text.slice(0, 1000)).text,
      }),
      schema: {
        name: "intent_choice",
        schema: {
          type: "object",
          additionalProperties: false,
          required: ["intent"],
          properties: { intent: { type: "string", enum: [...names, NO_INTENT] } },
        },
      },
      maxTokens: 30,
    },
    input.signal,
  );
  if (!outcome.ok) return undefined;
  const picked = parseOutput(outcome.content, z.object({ intent: z.string() }))?.intent;
  if (picked === undefined || !(picked === NO_INTENT || names.includes(picked))) {
    rt.logger.info({ task: "intent" }, "LLM picked an intent outside the offered list; ignored");
    return undefined;
  }
  return picked;
}
