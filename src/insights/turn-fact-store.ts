import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { SqlExecutor } from "../tickets/db/sql-database.ts";
import { conversationDigest, type TurnFact, turnFactSchema } from "./turn-facts.ts";

const COLUMNS = "conversation, channel, language, action, intent, sentiment, faq_id, escalation_reason, at";
// Aliased to the fact's field names (quoted: PostgreSQL folds unquoted names to lower case), so a row
// parses with the fact's own schema.
const SELECTED =
  'conversation, channel, language, action, intent, sentiment, faq_id AS "faqId", escalation_reason AS "escalationReason", at';

// PostgreSQL returns BIGINT as a string.
const rowSchema = turnFactSchema.extend({ at: z.coerce.number() });

/** The turn log /insights reads (table `insight_turns`, migration 4). */
export interface TurnFactStore {
  record(fact: TurnFact): Promise<void>;
  /** Facts with `since <= at < until`, oldest first. */
  between(since: number, until: number): Promise<TurnFact[]>;
  /**
   * Erasure on request: the conversation's turns keep counting (no words, no customer in them) but
   * no longer link to its address — their digest becomes a random one.
   */
  anonymiseConversation(address: string): Promise<void>;
}

export function createTurnFactStore(db: SqlExecutor): TurnFactStore {
  return {
    async record(fact) {
      await db.execute(`INSERT INTO insight_turns (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, [
        fact.conversation,
        fact.channel,
        fact.language,
        fact.action,
        fact.intent,
        fact.sentiment,
        fact.faqId,
        fact.escalationReason,
        fact.at,
      ]);
    },
    async anonymiseConversation(address) {
      await db.execute("UPDATE insight_turns SET conversation = ? WHERE conversation = ?", [
        `erased-${randomUUID()}`,
        conversationDigest(address),
      ]);
    },
    async between(since, until) {
      const rows = await db.query(
        `SELECT ${SELECTED} FROM insight_turns WHERE at >= ? AND at < ? ORDER BY at, id`,
        [since, until],
      );
      return rows.map((row) => rowSchema.parse(row));
    },
  };
}
