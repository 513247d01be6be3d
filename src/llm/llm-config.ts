import { z } from "zod";

/**
 * The LLM settings, a fragment to merge into the core configuration schema
 * (`configSchema.extend(llmConfigSchema.shape)`; no key overlaps the core's). Everything is
 * optional: without `OPENAI_API_KEY` the bot runs fully offline.
 */
export const llmConfigSchema = z.object({
  /** Enables the LLM layer. Local servers (Ollama, vLLM) accept any non-empty value. */
  OPENAI_API_KEY: z.string().trim().min(1).optional(),
  /** Any OpenAI-compatible endpoint, including the `/v1` path. Unset: api.openai.com. */
  OPENAI_BASE_URL: z
    .url({
      protocol: /^https?$/,
      error: "OPENAI_BASE_URL must be an http(s) URL including the API path, e.g. http://127.0.0.1:11434/v1",
    })
    .optional(),
  OPENAI_MODEL: z.string().trim().min(1).default("gpt-4o-mini"),
  /** Deadline for one model call, retries included; after it the offline answer is used. */
  LLM_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(100, "LLM_TIMEOUT_MS is in milliseconds: use at least 100")
    .max(120_000)
    .default(6000),
  /** Tokens (prompt + completion) per calendar month (UTC); when reached the bot goes offline until the month changes. */
  LLM_MONTHLY_BUDGET_TOKENS: z.coerce.number().int().positive().optional(),
  /** How long a grounded answer or translation is reused for the same input; 0 disables the cache. */
  LLM_CACHE_TTL_HOURS: z.coerce
    .number()
    .min(0)
    .max(24 * 365)
    .default(24),
});

/** Validated LLM settings. */
export type LlmConfig = z.infer<typeof llmConfigSchema>;

/**
 * What {@link createLlm} reads: the LLM settings plus the core's `DESK_LANGUAGE` (declared in the
 * app configuration, where the ticket desk uses it too; `en` when absent).
 */
export type LlmSettings = LlmConfig & { DESK_LANGUAGE?: string };
