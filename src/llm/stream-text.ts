import { PII_PLACEHOLDER } from "../privacy/pii.ts";

/** Turns chunks of raw text into displayable text; `flush` returns what was held back. */
export interface TextReader {
  push(chunk: string): string;
  flush(): string;
}

const ESCAPES: Record<string, string> = {
  '"': '"',
  "\\": "\\",
  "/": "/",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
};

/**
 * Reads the value of the string field `field` out of a JSON object that arrives in pieces, so a
 * structured-output answer can be shown while it streams. Escapes split across chunks are held
 * back until complete; a trailing lone high surrogate too.
 */
export function createJsonStringFieldReader(field: string): TextReader {
  const opener = new RegExp(`"${field}"\\s*:\\s*"`);
  let buffer = "";
  let position = -1;
  let done = false;
  let pendingSurrogate = "";
  const read = (): string => {
    if (done) return "";
    if (position < 0) {
      const match = opener.exec(buffer);
      if (!match) return "";
      position = match.index + match[0].length;
    }
    let out = pendingSurrogate;
    pendingSurrogate = "";
    while (position < buffer.length) {
      const char = buffer[position] ?? "";
      if (char === '"') {
        done = true;
        break;
      }
      if (char !== "\\") {
        out += char;
        position += 1;
        continue;
      }
      const kind = buffer[position + 1];
      if (kind === undefined) break;
      if (kind === "u") {
        const hex = buffer.slice(position + 2, position + 6);
        if (hex.length < 4) break;
        out += String.fromCharCode(Number.parseInt(hex, 16));
        position += 6;
        continue;
      }
      out += ESCAPES[kind] ?? kind;
      position += 2;
    }
    const last = out.charCodeAt(out.length - 1);
    if (!done && last >= 0xd800 && last <= 0xdbff) {
      pendingSurrogate = out.slice(-1);
      out = out.slice(0, -1);
    }
    return out;
  };
  return {
    push(chunk) {
      buffer += chunk;
      return read();
    },
    flush: () => {
      const rest = pendingSurrogate;
      pendingSurrogate = "";
      return rest;
    },
  };
}

/**
 * Restores PII placeholders in streamed text. A `[` that could still become a placeholder is held
 * back until it is complete, so the customer never sees "[EMA" flash by.
 */
export function createPlaceholderRestorer(restore: (text: string) => string): TextReader {
  let held = "";
  return {
    push(chunk) {
      const text = held + chunk;
      const open = text.lastIndexOf("[");
      if (open >= 0 && !text.includes("]", open) && /^\[[A-Z_0-9]{0,12}$/.test(text.slice(open))) {
        held = text.slice(open);
        return restore(text.slice(0, open));
      }
      held = "";
      return restore(text);
    },
    flush() {
      const rest = held;
      held = "";
      return rest.replace(PII_PLACEHOLDER, (placeholder) => restore(placeholder));
    },
  };
}
