import type { Keyv } from "keyv";
import { z } from "zod";
import type { LlmTask, LlmUsage } from "./types.ts";

const TASKS = ["answer", "summary", "translate", "intent"] as const satisfies readonly LlmTask[];

const monthlyUsageSchema = z.object({
  month: z.string(),
  calls: z.number().int().nonnegative(),
  promptTokens: z.number().nonnegative(),
  completionTokens: z.number().nonnegative(),
  totalTokens: z.number().nonnegative(),
  /** Total tokens per task. */
  byTask: z.record(z.enum(TASKS), z.number().nonnegative()),
});

/** Token usage of one calendar month (UTC). */
export type MonthlyUsage = z.infer<typeof monthlyUsageSchema>;

/** Records token usage per call and aggregates it per month in Keyv. */
export interface UsageLedger {
  record(task: LlmTask, usage: LlmUsage): Promise<void>;
  /** Usage of the month containing `at` (default: now). */
  month(at?: number): Promise<MonthlyUsage>;
  /** True once this month's total reaches the budget; always false without a budget. */
  exceeded(): Promise<boolean>;
}

/** `YYYY-MM` in UTC, so every process agrees on when the month changes. */
function monthKey(at: number): string {
  return new Date(at).toISOString().slice(0, 7);
}

function emptyMonth(month: string): MonthlyUsage {
  return {
    month,
    calls: 0,
    promptTokens: 0,
    completionTokens: 0,
    totalTokens: 0,
    byTask: { answer: 0, summary: 0, translate: 0, intent: 0 },
  };
}

/**
 * A ledger on Keyv, one record per month (`usage:YYYY-MM`). Updates from this process are
 * serialised; several bot processes sharing Redis may lose an occasional concurrent increment,
 * which only makes the budget switch a few calls late.
 */
export function createUsageLedger(
  keyv: Keyv<unknown>,
  options: { budgetTokens?: number | undefined; now: () => number },
): UsageLedger {
  let queue: Promise<void> = Promise.resolve();
  const read = async (month: string): Promise<MonthlyUsage> => {
    const parsed = monthlyUsageSchema.safeParse(await keyv.get(`usage:${month}`));
    return parsed.success ? parsed.data : emptyMonth(month);
  };
  const month = async (at?: number): Promise<MonthlyUsage> => {
    await queue;
    return read(monthKey(at ?? options.now()));
  };
  return {
    month,
    record(task, usage) {
      const key = monthKey(options.now());
      const next = queue.then(async () => {
        const current = await read(key);
        await keyv.set(`usage:${key}`, {
          ...current,
          calls: current.calls + 1,
          promptTokens: current.promptTokens + usage.promptTokens,
          completionTokens: current.completionTokens + usage.completionTokens,
          totalTokens: current.totalTokens + usage.totalTokens,
          byTask: { ...current.byTask, [task]: (current.byTask[task] ?? 0) + usage.totalTokens },
        } satisfies MonthlyUsage);
      });
      // A failed write must not wedge later ones.
      queue = next.catch(() => undefined);
      return next;
    },
    async exceeded() {
      if (options.budgetTokens === undefined) return false;
      const usage = await month();
      return usage.totalTokens >= options.budgetTokens;
    },
  };
}
