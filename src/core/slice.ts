import type { z } from "zod";
import type { ConversationState } from "./state.ts";

/**
 * A feature's own part of the conversation state, validated by its schema. The core stores
 * slices by name without knowing what they hold; a stored value that no longer matches the
 * schema reads as absent rather than breaking the turn.
 */
export interface Slice<T> {
  readonly name: string;
  get(state: Pick<ConversationState, "slices">): T | undefined;
  /** `undefined` removes the slice. */
  set(state: Pick<ConversationState, "slices">, value: T | undefined): void;
}

export function defineSlice<T>(name: string, schema: z.ZodType<T>): Slice<T> {
  // Values already validated: `get` returns the very object, so a feature may update it in place.
  const valid = new WeakSet<object>();
  const remember = (value: T): T => {
    if (typeof value === "object" && value !== null) valid.add(value);
    return value;
  };
  return {
    name,
    get(state) {
      const stored = state.slices[name];
      if (stored === undefined) return undefined;
      if (typeof stored === "object" && stored !== null && valid.has(stored)) return stored as T;
      // Checked, not rewritten: the stored object itself is returned (a schema with defaults or
      // transforms would otherwise change a state nobody changed).
      if (!schema.safeParse(stored).success) return undefined;
      return remember(stored as T);
    },
    set(state, value) {
      if (value === undefined) {
        delete state.slices[name];
        return;
      }
      schema.parse(value);
      state.slices[name] = remember(value);
    },
  };
}
