import { randomBytes } from "node:crypto";
import { LruMap } from "./lru-map.ts";

/**
 * Telegram limits a button's `callback_data` to 64 bytes (UTF-8).
 * @see https://core.telegram.org/bots/api#inlinekeyboardbutton
 */
export const CALLBACK_DATA_MAX_BYTES = 64;

/** A neutral button's `action` and optional `value`, as they travel through Telegram. */
export interface CallbackPayload {
  action: string;
  value?: string;
}

/** Turns action buttons into `callback_data` and back. */
export interface CallbackCodec {
  encode(action: string, value?: string): string;
  /** `undefined` for data this process did not issue or has since forgotten. */
  decode(data: string): CallbackPayload | undefined;
}

/**
 * Encodes inline when it fits — `:` + action, then `|` + value when there is one — and otherwise
 * stores the payload under a short random id (`#` + 12 characters) in a bounded in-memory LRU.
 * Random ids, not a counter, so a button from before a restart can never decode to a different
 * payload: it decodes to nothing and the user is asked again.
 * @see https://core.telegram.org/bots/api#inlinekeyboardbutton
 */
export function createCallbackCodec(options: { capacity?: number } = {}): CallbackCodec {
  const stored = new LruMap<string, CallbackPayload>(options.capacity ?? 10_000);
  return {
    encode(action, value) {
      const inline = `:${action}${value === undefined ? "" : `|${value}`}`;
      if (!action.includes("|") && Buffer.byteLength(inline, "utf8") <= CALLBACK_DATA_MAX_BYTES)
        return inline;
      const id = `#${randomBytes(9).toString("base64url")}`;
      stored.set(id, value === undefined ? { action } : { action, value });
      return id;
    },
    decode(data) {
      if (data.startsWith("#")) return stored.get(data);
      if (!data.startsWith(":") || data.length < 2) return undefined;
      const body = data.slice(1);
      const bar = body.indexOf("|");
      if (bar === -1) return { action: body };
      if (bar === 0) return undefined;
      return { action: body.slice(0, bar), value: body.slice(bar + 1) };
    },
  };
}
