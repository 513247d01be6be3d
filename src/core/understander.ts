import type { Understanding } from "../understanding/types.ts";

/** The understanding step: runs once per message, its result is written on the turn context. */
export interface Understander {
  understand(text: string, hint: { language?: string | undefined }): Understanding;
}
