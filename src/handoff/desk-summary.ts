import type { TranscriptEntry } from "../core/transcript.ts";
import type { Llm } from "../llm/create-llm.ts";
import { turnsFromTranscript } from "../llm/summarize.ts";
import { summarizeTranscript } from "./summary.ts";

/** Shown under an extractive summary when no LLM is configured. */
export const EXTRACTIVE_NOTE_NO_LLM = "(extractive summary — no LLM configured)";
/** Shown under an extractive summary when the LLM is configured but gave no usable summary. */
export const EXTRACTIVE_NOTE_LLM_FAILED = "(extractive summary — LLM unavailable)";

/** Summary lines for a hand-off packet and where they came from. */
export interface DeskSummary {
  /** Ready for `HandoffPacket.summary`; an extractive summary ends with its visible note. */
  lines: string[];
  source: "llm" | "extractive";
}

/**
 * The hand-off summary: the LLM's 2–3 lines when it is configured and answers in time, otherwise the
 * extractive summary (the customer's most informative lines) followed by a note saying so.
 */
export async function summaryForDesk(
  llm: Llm | undefined,
  entries: readonly TranscriptEntry[],
  options: { latest?: string; signal?: AbortSignal } = {},
): Promise<DeskSummary> {
  if (llm) {
    const lines = await llm.summarize({
      turns: turnsFromTranscript(entries, options.latest),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    if (lines) return { lines, source: "llm" };
  }
  const extractive = summarizeTranscript(entries, options.latest);
  return {
    lines: [...extractive, llm ? EXTRACTIVE_NOTE_LLM_FAILED : EXTRACTIVE_NOTE_NO_LLM],
    source: "extractive",
  };
}
