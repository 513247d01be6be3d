import { higherPriority, type Priority, raisePriority } from "../model/priority.ts";
import { ACCOUNT_TAKEOVER_PATTERNS } from "../understanding/account-takeover.ts";

/** What priority scoring looks at; `sentiment` is the understanding step's verdict when present. */
export interface PriorityInput {
  category: string;
  /** What the customer wrote (subject, description, first message). */
  text: string;
  sentiment?: { label: string; score: number; emotions?: { anger?: number } };
  tier?: "standard" | "vip";
}

/** The priority and why, as short machine-readable reasons (`keyword:charged twice`, `tier:vip`). */
export interface PriorityVerdict {
  priority: Priority;
  reasons: string[];
}

/** A keyword rule: any pattern matching sets at least `priority`. */
export interface PriorityRule {
  /** Reason recorded when it matches. */
  name: string;
  priority: Priority;
  patterns: readonly RegExp[];
}

/**
 * Default keyword rules, English and Korean. Korean has no word boundaries and free spacing
 * ("두 번 결제" / "두번 결제"), so its patterns allow optional spaces instead of `\b`.
 */
export const DEFAULT_PRIORITY_RULES: readonly PriorityRule[] = [
  {
    name: "account takeover",
    priority: "urgent",
    patterns: ACCOUNT_TAKEOVER_PATTERNS,
  },
  {
    name: "outage",
    priority: "urgent",
    patterns: [
      /\boutage\b/i,
      /\bdown for (?:everyone|everybody|all)\b/i,
      /\b(?:service|site|everything) (?:is )?down\b/i,
      /전체\s*장애/,
      /서비스\s*(?:장애|먹통)/,
      /서버\s*다운/,
    ],
  },
  {
    name: "charged twice",
    priority: "high",
    patterns: [
      /\bcharged (?:me )?(?:twice|two times|double)\b/i,
      /\bdouble[- ]?(?:charged|charge|billed)\b/i,
      /\bduplicate (?:charge|payment)\b/i,
      /이중\s*(?:결제|청구)/,
      /두\s*번\s*(?:결제|청구)/,
      /중복\s*(?:결제|청구)/,
    ],
  },
  {
    name: "refund",
    priority: "normal",
    patterns: [/\brefund/i, /환불/],
  },
];

/** Strongly negative: sentiment score at or below this, or anger at or above {@link ANGER_THRESHOLD}. */
export const STRONG_NEGATIVE_SCORE = -0.6;
export const ANGER_THRESHOLD = 0.6;

/**
 * Scores a new ticket: the category's base priority (default `normal`), raised to the highest
 * matching keyword rule, then one level up for an angry or strongly negative customer and one
 * level up for a VIP, never above `urgent`.
 */
export function scorePriority(
  input: PriorityInput,
  options: {
    categoryPriorities?: Readonly<Record<string, Priority>>;
    rules?: readonly PriorityRule[];
  } = {},
): PriorityVerdict {
  const base = options.categoryPriorities?.[input.category];
  let priority: Priority = base ?? "normal";
  const reasons: string[] = base ? [`category:${input.category}`] : [];
  const text = input.text.slice(0, 20_000);
  for (const rule of options.rules ?? DEFAULT_PRIORITY_RULES) {
    if (!rule.patterns.some((pattern) => pattern.test(text))) continue;
    reasons.push(`keyword:${rule.name}`);
    priority = higherPriority(priority, rule.priority);
  }
  const sentiment = input.sentiment;
  if (
    sentiment?.label === "negative" &&
    (sentiment.score <= STRONG_NEGATIVE_SCORE || (sentiment.emotions?.anger ?? 0) >= ANGER_THRESHOLD)
  ) {
    priority = raisePriority(priority);
    reasons.push("sentiment:strongly negative");
  }
  if (input.tier === "vip") {
    priority = raisePriority(priority);
    reasons.push("tier:vip");
  }
  return { priority, reasons };
}
