export { createLlm, type Llm, type LlmDeps } from "./create-llm.ts";
export {
  type DeskSummary,
  EXTRACTIVE_NOTE_LLM_FAILED,
  EXTRACTIVE_NOTE_NO_LLM,
  summaryForDesk,
} from "./desk-summary.ts";
export {
  type GroundedAnswer,
  type GroundedFallback,
  type GroundedQuestion,
  type GroundedResult,
  isGroundedAnswer,
} from "./grounded-answer.ts";
export { type LlmConfig, type LlmSettings, llmConfigSchema } from "./llm-config.ts";
export { type IntentChoice, NO_INTENT, type PickIntentInput } from "./pick-intent.ts";
export { NO_ENTRY, type RerankInput, type RerankResult } from "./rerank.ts";
export type { RewriteInput, RewriteResult } from "./rewrite-question.ts";
export type { RetryOptions } from "./runtime.ts";
export type { AnswerStreamEvent } from "./stream-answer.ts";
export { type SummaryInput, type SummaryTurn, turnsFromTranscript } from "./summarize.ts";
export type { TranslateOptions } from "./translate.ts";
export { addUsage, type LlmFallbackReason, type LlmTask, type LlmUsage, NO_USAGE } from "./types.ts";
export type { MonthlyUsage } from "./usage-ledger.ts";
