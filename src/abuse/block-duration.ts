/** How long a block lasts, as people write it: `30m`, `2h`, `7d`, `4w`, or `permanent`. */
export const BLOCK_DURATION_PATTERN = /^(?:(\d{1,4})\s*([mhdw])|permanent|forever)$/i;

const DAY_MS = 86_400_000;
const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: DAY_MS, w: 7 * DAY_MS };

/** The choices the desks offer, shortest first. */
export const BLOCK_DURATION_CHOICES = [
  { value: "1h", label: "1 hour" },
  { value: "24h", label: "24 hours" },
  { value: "7d", label: "7 days" },
  { value: "30d", label: "30 days" },
  { value: "permanent", label: "Permanent" },
] as const;

/**
 * Milliseconds of a written duration, `null` for a permanent block, `undefined` when it cannot be
 * read (or is zero, or longer than ten years).
 */
export function parseBlockDuration(text: string): number | null | undefined {
  const match = BLOCK_DURATION_PATTERN.exec(text.trim());
  if (!match) return undefined;
  if (!match[1] || !match[2]) return null;
  const ms = Number(match[1]) * (UNIT_MS[match[2].toLowerCase()] ?? 0);
  return ms > 0 && ms <= 3_650 * DAY_MS ? ms : undefined;
}
