/** Tokens one call (or several, summed) consumed. */
export interface LlmUsage {
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
}

/** What the LLM layer was asked to do; usage is aggregated per task. */
export type LlmTask = "answer" | "summary" | "translate" | "intent";

/**
 * Why a call produced no usable result; the caller then does what it would do offline.
 * - `budget`: the monthly token cap is reached, no call was made.
 * - `timeout` / `aborted`: the deadline passed / the caller's signal fired.
 * - `rate_limited` / `upstream_error`: 429 or 5xx after the bounded retries, or any other API error.
 * - `invalid_output`: not the requested JSON, a refusal, or an unknown placeholder.
 * - `no_citation` / `unknown_citation`: the answer is not grounded in the given entries.
 * - `unsupported_promise`: it promises a refund, credit or action, or states a number, no cited entry states.
 * - `no_entries`: nothing to answer from, no call was made.
 */
export type LlmFallbackReason =
  | "budget"
  | "timeout"
  | "aborted"
  | "rate_limited"
  | "upstream_error"
  | "invalid_output"
  | "no_citation"
  | "unknown_citation"
  | "unsupported_promise"
  | "no_entries";

/** No tokens: cache hits and calls that never left. */
export const NO_USAGE: LlmUsage = Object.freeze({ promptTokens: 0, completionTokens: 0, totalTokens: 0 });
