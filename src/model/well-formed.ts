import { z } from "zod";

/**
 * Ill-formed UTF-16 — a lone surrogate, e.g. half an emoji cut by a client — is valid in a
 * JavaScript string but not in UTF-8, URL encoding or most platform APIs: `encodeURIComponent`
 * throws a URIError, and a platform SDK that sends such text fails on every retry. Text is made
 * well-formed where it enters (inbound events, staff replies) and where it leaves (before every
 * platform SDK call): each lone surrogate becomes U+FFFD (�), as in `String.prototype.toWellFormed`.
 */

/** `text` with lone surrogates replaced by U+FFFD; the same string when it is already well-formed. */
export function wellFormed(text: string): string {
  return text.isWellFormed() ? text : text.toWellFormed();
}

const isPlainObject = (value: object): value is Record<string, unknown> => {
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
};

/**
 * A JSON-like value (plain objects, arrays, strings) with every string made well-formed. Returns
 * the value itself when nothing needed replacing; anything else (buffers, class instances) is
 * passed through untouched.
 */
export function wellFormedDeep<T>(value: T): T {
  if (typeof value === "string") return wellFormed(value) as T;
  if (typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) {
    const items = value.map((item: unknown) => wellFormedDeep(item));
    return (items.some((item, index) => item !== value[index]) ? items : value) as T;
  }
  if (!isPlainObject(value)) return value;
  let copy: Record<string, unknown> | undefined;
  for (const [key, item] of Object.entries(value)) {
    const fixed = wellFormedDeep(item);
    if (fixed !== item) {
      copy ??= { ...value };
      copy[key] = fixed;
    }
  }
  return (copy ?? value) as T;
}

/** A string schema whose value comes out well-formed (see {@link wellFormed}); chain checks after it. */
export function wellFormedString(params?: Parameters<typeof z.string>[0]) {
  return z.string(params).overwrite(wellFormed);
}
