import type { MessageBundle } from "../i18n/define-messages.ts";
import type { IntentExample } from "../model/understanding.ts";
import type { Composer } from "./composer.ts";

/**
 * A piece of conversation behaviour that installs itself on the turn's pipeline: its commands,
 * buttons, free-message handlers, steps and wrappers (see {@link Composer}). A feature owns its
 * sentences (`messages`, English and Korean), the examples of the intents it serves (the intent
 * classifier learns them), its part of the conversation state (a slice, see `defineSlice`) and of
 * the turn's trace. The core knows none of them.
 */
export interface Feature {
  readonly name: string;
  readonly messages?: MessageBundle;
  readonly intents?: readonly IntentExample[];
  install(composer: Composer): void;
}

/** Installs `features` in order: the first one sees a turn first. */
export function installFeatures(root: Composer, features: readonly Feature[]): Composer {
  const names = new Set<string>();
  for (const feature of features) {
    if (names.has(feature.name))
      throw new Error(
        `Two features are named "${feature.name}": give each feature its own name (its steps and slices are keyed by it)`,
      );
    names.add(feature.name);
    feature.install(root.feature(feature.name));
  }
  return root;
}
