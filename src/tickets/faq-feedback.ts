import { z } from "zod";
import type { SqlExecutor } from "./db/sql-database.ts";

/** 👍/👎 totals of one FAQ entry. */
export interface FaqFeedbackSummary {
  entryId: string;
  helpful: number;
  notHelpful: number;
}

const summaryRow = z.object({ entry_id: z.string(), helpful: z.coerce.number(), total: z.coerce.number() });

/** Records one "was this answer helpful?" answer; it holds no personal data. */
export async function insertFaqFeedback(
  db: SqlExecutor,
  feedback: { entryId: string; helpful: boolean; language: string; at: number },
): Promise<void> {
  await db.execute("INSERT INTO faq_feedback (entry_id, helpful, language, at) VALUES (?, ?, ?, ?)", [
    feedback.entryId,
    feedback.helpful ? 1 : 0,
    feedback.language,
    feedback.at,
  ]);
}

/** Totals per FAQ entry, by entry id. */
export async function summariseFaqFeedback(db: SqlExecutor): Promise<FaqFeedbackSummary[]> {
  const rows = await db.query(
    "SELECT entry_id, SUM(helpful) AS helpful, COUNT(*) AS total FROM faq_feedback GROUP BY entry_id ORDER BY entry_id",
  );
  return rows.map((row) => {
    const parsed = summaryRow.parse(row);
    return { entryId: parsed.entry_id, helpful: parsed.helpful, notHelpful: parsed.total - parsed.helpful };
  });
}
