import type { Keyv } from "keyv";
import {
  boundTranscriptEntry,
  TRANSCRIPT_MAX_ENTRIES,
  type TranscriptStore,
  transcriptEntrySchema,
} from "../core/transcript.ts";
import { createKeyvList } from "./keyv-list.ts";

/**
 * Transcript on Keyv: a {@link createKeyvList} of entries per conversation (O(1) appends), each
 * entry bounded by `boundTranscriptEntry`, so one conversation holds at most
 * `maxEntries` × (21 texts of `TRANSCRIPT_MAX_TEXT_CHARS`).
 */
export function createKeyvTranscriptStore(
  keyv: Keyv<unknown>,
  options: { maxEntries?: number; ttlMs?: number } = {},
): TranscriptStore {
  const list = createKeyvList(keyv, transcriptEntrySchema, {
    maxItems: options.maxEntries ?? TRANSCRIPT_MAX_ENTRIES,
    ...(options.ttlMs === undefined ? {} : { ttlMs: options.ttlMs }),
  });
  return {
    append: (conversation, entry) => list.append(conversation, boundTranscriptEntry(entry)),
    list: list.list,
    erase: list.erase,
  };
}
