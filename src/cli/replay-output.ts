import type { TurnResult } from "../core/turn-result.ts";

/**
 * The replay contract: one JSON object per input line. Fields nothing produced are omitted;
 * keep this shape stable, regression suites depend on it.
 */
export function replayOutput(id: string, result: TurnResult): Record<string, unknown> {
  const { trace } = result;
  const out: Record<string, unknown> = {
    id,
    conversation: result.conversation,
    action: trace.action ?? "fallback",
  };
  if (trace.faqId !== undefined) out.faqId = trace.faqId;
  if (trace.candidates !== undefined) out.candidates = trace.candidates;
  if (trace.intent !== undefined) out.intent = trace.intent;
  if (trace.sentiment !== undefined) out.sentiment = trace.sentiment;
  if (trace.language !== undefined) out.language = trace.language;
  if (trace.ticket !== undefined) out.ticket = trace.ticket;
  if (trace.priority !== undefined) out.priority = trace.priority;
  if (trace.escalationReason !== undefined) out.escalationReason = trace.escalationReason;
  if (trace.llm !== undefined) out.llm = trace.llm;
  if (result.duplicate) out.duplicate = true;
  out.replies = result.replies.map((reply) =>
    reply.buttons ? { text: reply.text, buttons: reply.buttons } : { text: reply.text },
  );
  return out;
}
