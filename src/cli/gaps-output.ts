import type { UnansweredRecord } from "../kb/unanswered-log.ts";
import { maskPii } from "../privacy/staff-mask.ts";

/**
 * The FAQ-gap report as `npm run gaps` prints it (a table, or JSON with `json`). Questions are
 * customers' own words, so e-mail addresses, phone and card numbers in them are masked.
 */
export function formatGaps(records: readonly UnansweredRecord[], options: { json?: boolean } = {}): string {
  const masked = records.map((record) => ({ ...record, text: maskPii(record.text) }));
  if (options.json) return JSON.stringify(masked, null, 2);
  if (masked.length === 0) return "No unanswered questions recorded yet.";
  const rows = masked.map((record) => {
    const nearest = record.nearest.map((candidate) => `${candidate.id} ${candidate.score}`).join(", ");
    const when = new Date(record.lastAt).toISOString().slice(0, 16).replace("T", " ");
    return `${String(record.count).padStart(5)}  ${record.language.padEnd(4)}  ${when}  ${record.text}${nearest ? `  (${nearest})` : ""}`;
  });
  return ["count  lang  last asked         question  (nearest KB entries)", ...rows].join("\n");
}
