import { z } from "zod";
import type { TranscriptEntry } from "../core/transcript.ts";
import { redactPii } from "../privacy/pii.ts";
import { completeJson, parseOutput } from "./call-model.ts";
import { DATA_ONLY_RULE, languageName } from "./injection-guard.ts";
import type { LlmRuntime } from "./runtime.ts";

/** One line of a conversation, as the summary sees it. */
export interface SummaryTurn {
  from: "customer" | "bot" | "agent";
  text: string;
}

export interface SummaryInput {
  turns: readonly SummaryTurn[];
  /** Language of the summary; `DESK_LANGUAGE` by default. */
  language?: string;
  signal?: AbortSignal;
}

const MAX_TURNS = 40;
const MAX_TURN_CHARS = 400;
const MAX_LINE_CHARS = 300;
// A separator no customer types and no PII pattern can reach across.
const SEPARATOR = "\n\u241e\n";

const outputSchema = z.object({ lines: z.array(z.string()) });

/** The conversation as summary turns: customer messages and the bot's replies, oldest first. */
export function turnsFromTranscript(entries: readonly TranscriptEntry[], latest?: string): SummaryTurn[] {
  const turns: SummaryTurn[] = [];
  for (const entry of entries) {
    if (entry.type === "message" && entry.text.trim() !== "")
      turns.push({ from: "customer", text: entry.text });
    for (const reply of entry.replies)
      if (reply.text.trim() !== "") turns.push({ from: "bot", text: reply.text });
  }
  if (latest && latest.trim() !== "") turns.push({ from: "customer", text: latest });
  return turns;
}

function systemPrompt(language: string): string {
  return [
    "You write hand-off notes for a human support agent who is taking over a chat from a bot.",
    DATA_ONLY_RULE,
    `Summarise the conversation in the user message in ${languageName(language)}, in 2 or 3 short lines:`,
    "what the customer wants, what the bot already answered or tried, and what is still open.",
    "Keep order numbers, amounts, product names and placeholders such as [EMAIL_1] exactly as written.",
    "Use only facts from the conversation; do not add advice or promises.",
    'Reply only with JSON: {"lines": ["...", "..."]}.',
  ].join("\n");
}

/**
 * A 2–3 line summary of a conversation for the desk, or undefined when the LLM is unavailable or
 * its output is unusable (the caller then uses the extractive summary with a visible note).
 * Personal data is redacted before sending and put back in the lines: the desk already sees the
 * conversation itself, so restoring adds no exposure and keeps the note useful.
 */
export async function summarize(rt: LlmRuntime, input: SummaryInput): Promise<string[] | undefined> {
  const turns = input.turns.slice(-MAX_TURNS);
  if (turns.length === 0) return undefined;
  const redaction = redactPii(turns.map((turn) => turn.text.slice(0, MAX_TURN_CHARS)).join(SEPARATOR));
  const texts = redaction.text.split(SEPARATOR);
  const conversation = turns.map((turn, index) => ({ from: turn.from, text: texts[index] ?? "" }));
  const outcome = await completeJson(
    rt,
    {
      task: "summary",
      system: systemPrompt(input.language ?? rt.deskLanguage),
      user: JSON.stringify({ conversation }),
      schema: {
        name: "handoff_summary",
        schema: {
          type: "object",
          additionalProperties: false,
          required: ["lines"],
          properties: { lines: { type: "array", items: { type: "string" } } },
        },
      },
      maxTokens: 300,
    },
    input.signal,
  );
  if (!outcome.ok) return undefined;
  const parsed = parseOutput(outcome.content, outputSchema);
  if (!parsed) return undefined;
  const lines = parsed.lines.map((line) => line.trim()).filter((line) => line !== "");
  if (lines.length === 0) return undefined;
  return lines
    .slice(0, 3)
    .map((line) =>
      redaction.restore(line.length > MAX_LINE_CHARS ? `${line.slice(0, MAX_LINE_CHARS - 1)}…` : line),
    );
}
