import { createHash } from "node:crypto";
import type { SqlExecutor } from "../../src/tickets/db/sql-database.ts";

/**
 * A deterministic 30-day support history in English and Korean, written straight into the ticket
 * database with SQL (not through the code under test), plus a plain description of it that the
 * tests compute their expected numbers from.
 */
export interface SeedTurn {
  conversation: string;
  channel: string;
  language: string;
  action: string;
  intent: string;
  sentiment: string;
  faqId: string | null;
  escalationReason: string | null;
  at: number;
}
export interface SeedTicket {
  conversation: string;
  channel: string;
  team: string;
  language: string;
  createdAt: number;
  firstResponseAt: number | null;
  solvedAt: number | null;
  firstResponseDueAt: number;
  resolutionDueAt: number;
  csat: number | null;
}
export interface SeedFeedback {
  entryId: string;
  helpful: boolean;
  language: string;
  at: number;
}
export interface Seed {
  now: number;
  turns: SeedTurn[];
  tickets: SeedTicket[];
  feedback: SeedFeedback[];
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A small linear congruential generator: the same history on every run. */
function random(seed: number) {
  let state = seed;
  const next = () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
  return {
    next,
    int: (max: number) => Math.floor(next() * max),
    pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)] as T,
  };
}

/** Times near the 7-day and 30-day edges would move across them while the test runs: kept away. */
function clearOfEdges(at: number, now: number): boolean {
  return [now - 7 * DAY, now - 30 * DAY, now].every((edge) => Math.abs(at - edge) > 2 * HOUR);
}

export function makeSeed(now: number): Seed {
  const r = random(17);
  const turns: SeedTurn[] = [];
  const tickets: SeedTicket[] = [];
  const feedback: SeedFeedback[] = [];
  const entries = ["refund-policy", "shipping-time", "reset-password", "cancel-subscription"];
  const reasons = ["asked_for_person", "negative_sentiment", "repeated_fallback"];
  for (let i = 0; i < 140; i++) {
    const channel = r.pick(["web", "telegram", "discord"]);
    const language = i % 3 === 0 ? "ko" : "en";
    const conversation = `${channel}:seed-${i}`;
    // A few conversations fall before the 30-day period: they must not count.
    const start = now - (i % 23 === 0 ? 35 * DAY : 0) - r.next() * 29.8 * DAY;
    const turnCount = 1 + r.int(4);
    let ticketed = false;
    for (let k = 0; k < turnCount; k++) {
      const at = start + k * 3 * 60_000;
      if (!clearOfEdges(at, now) || at >= now) continue;
      const action = r.pick([
        "answer",
        "answer",
        "answer",
        "clarify",
        "fallback",
        "escalate",
        "ticket",
        "smalltalk",
      ]);
      turns.push({
        conversation,
        channel,
        language,
        action,
        intent: r.pick(["faq", "faq", "refund", "order_status", "complaint", "greeting", "human"]),
        sentiment: r.pick(["positive", "neutral", "neutral", "negative"]),
        faqId: action === "answer" ? r.pick(entries) : null,
        escalationReason: action === "escalate" ? r.pick(reasons) : null,
        at,
      });
      if ((action === "escalate" || action === "ticket") && !ticketed && r.next() < 0.8) {
        ticketed = true;
        const createdAt = at + 60_000;
        if (!clearOfEdges(createdAt, now) || createdAt >= now) continue;
        const answered = r.next() < 0.85;
        const firstResponseAt = answered ? createdAt + (0.2 + r.next() * 40) * HOUR : null;
        const solved = answered && r.next() < 0.7;
        const solvedAt =
          solved && firstResponseAt !== null ? firstResponseAt + (1 + r.next() * 90) * HOUR : null;
        tickets.push({
          conversation,
          channel,
          team: r.pick(["billing", "tech"]),
          language,
          createdAt,
          firstResponseAt: firstResponseAt !== null && firstResponseAt < now ? firstResponseAt : null,
          solvedAt: solvedAt !== null && solvedAt < now ? solvedAt : null,
          firstResponseDueAt: createdAt + 24 * HOUR,
          resolutionDueAt: createdAt + 72 * HOUR,
          csat: solvedAt !== null && solvedAt < now && r.next() < 0.6 ? 1 + r.int(5) : null,
        });
      }
    }
  }
  for (let i = 0; i < 70; i++) {
    const at = now - r.next() * 29.8 * DAY;
    if (!clearOfEdges(at, now)) continue;
    feedback.push({
      entryId: r.pick(entries),
      helpful: r.next() < 0.7,
      language: i % 3 === 0 ? "ko" : "en",
      at,
    });
  }
  return { now, turns, tickets, feedback };
}

/** Writes the seed into the tickets database (tables of migrations 1 and 3). */
export async function writeSeed(db: SqlExecutor, seed: Seed): Promise<void> {
  let number = 50_000;
  for (const t of seed.tickets) {
    number++;
    await db.execute(
      `INSERT INTO tickets (id, number, address, channel, customer_id, language, category, team, subject, description,
         priority, status, created_at, updated_at, first_response_at, solved_at, csat_score, first_response_due_at, resolution_due_at)
       VALUES (?, ?, ?, ?, ?, ?, 'general', ?, 'Seeded', 'Seeded ticket', 'normal', ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        `seed-${number}`,
        number,
        t.conversation,
        t.channel,
        `customer-${number}`,
        t.language,
        t.team,
        t.solvedAt !== null ? "solved" : t.firstResponseAt !== null ? "open" : "new",
        t.createdAt,
        t.createdAt,
        t.firstResponseAt,
        t.solvedAt,
        t.csat,
        t.firstResponseDueAt,
        t.resolutionDueAt,
      ],
    );
  }
  const digest = (address: string) => createHash("sha256").update(address).digest("base64url").slice(0, 22);
  for (const t of seed.turns) {
    await db.execute(
      `INSERT INTO insight_turns (conversation, channel, language, action, intent, sentiment, faq_id, escalation_reason, at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        digest(t.conversation),
        t.channel,
        t.language,
        t.action,
        t.intent,
        t.sentiment,
        t.faqId,
        t.escalationReason,
        t.at,
      ],
    );
  }
  for (const f of seed.feedback) {
    await db.execute("INSERT INTO faq_feedback (entry_id, helpful, language, at) VALUES (?, ?, ?, ?)", [
      f.entryId,
      f.helpful ? 1 : 0,
      f.language,
      f.at,
    ]);
  }
}
