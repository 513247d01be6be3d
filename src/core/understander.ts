import type { Understanding } from "../model/understanding.ts";

/** The understanding step: runs once per message, its result is written on the turn context. */
export interface Understander {
  /** May be asynchronous (an LLM second opinion); the offline models answer synchronously. */
  understand(text: string, hint: { language?: string | undefined }): Understanding | Promise<Understanding>;
}
