import type { ActionButton } from "../../../src/model/outbound.ts";

/** Discord's limit on a component's `custom_id`. */
export const MAX_CUSTOM_ID = 100;

const INLINE = "sb";
const STORED = "sbk";

/** What a pressed button means to the core. */
export interface DecodedAction {
  action: string;
  value?: string;
}

/**
 * Encodes neutral action buttons into Discord `custom_id`s and back. Most fit inline
 * (`sb:<action>[:<value>]`, `:` and `%` escaped); a longer one is kept in a bounded in-memory map
 * under a short key (`sbk:<n>`), so it decodes only while this process remembers it — a pressed
 * button that no longer decodes is reported as expired.
 *
 * @see https://discord.com/developers/docs/components/reference#anatomy-of-a-component
 */
export interface ComponentCodec {
  /** `taken` holds the ids already used in the same message, which Discord requires to be unique. */
  encode(button: ActionButton, taken?: ReadonlySet<string>): string;
  /** `undefined` for ids that are not ours or have been forgotten. */
  decode(customId: string): DecodedAction | undefined;
}

function escapePart(part: string): string {
  return part.replaceAll("%", "%25").replaceAll(":", "%3A");
}

function unescapePart(part: string): string {
  return part.replaceAll("%3A", ":").replaceAll("%25", "%");
}

export function createComponentCodec(options: { maxStored?: number } = {}): ComponentCodec {
  const maxStored = options.maxStored ?? 5_000;
  const stored = new Map<string, DecodedAction>();
  let counter = 0;

  function store(decoded: DecodedAction): string {
    const key = `${STORED}:${(++counter).toString(36)}`;
    stored.set(key, decoded);
    // Maps iterate in insertion order: the first key is the oldest.
    if (stored.size > maxStored) {
      const oldest = stored.keys().next().value;
      if (oldest !== undefined) stored.delete(oldest);
    }
    return key;
  }

  return {
    encode(button, taken = new Set()) {
      const decoded: DecodedAction =
        button.value === undefined
          ? { action: button.action }
          : { action: button.action, value: button.value };
      const inline =
        button.value === undefined
          ? `${INLINE}:${escapePart(button.action)}`
          : `${INLINE}:${escapePart(button.action)}:${escapePart(button.value)}`;
      return inline.length <= MAX_CUSTOM_ID && !taken.has(inline) ? inline : store(decoded);
    },
    decode(customId) {
      const parts = customId.split(":");
      if (parts[0] === STORED) return stored.get(customId);
      if (parts[0] !== INLINE || parts.length < 2 || parts.length > 3 || !parts[1]) return undefined;
      const action = unescapePart(parts[1]);
      return parts[2] === undefined ? { action } : { action, value: unescapePart(parts[2]) };
    },
  };
}
