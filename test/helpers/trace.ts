import type { TurnTrace } from "../../src/core/trace.ts";
import { escalationTrace } from "../../src/handoff/escalation-trace.ts";
import { faqTrace } from "../../src/kb/faq-trace.ts";
import { llmTrace } from "../../src/llm/llm-trace.ts";
import { ticketTrace } from "../../src/tickets/ticket-trace.ts";

/** A turn's trace with every feature's fields read through their extensions (typed, validated). */
export function fullTrace(trace: TurnTrace) {
  return {
    ...trace,
    ...faqTrace.read(trace),
    ...ticketTrace.read(trace),
    ...escalationTrace.read(trace),
    ...llmTrace.read(trace),
  };
}
