import type { Seed } from "./insights-seed.ts";

/**
 * The numbers the insights should show for a seed, computed here from the plain seed (not by the
 * code under test): what each definition in the README says, written out directly.
 */
export interface Expected {
  conversations: number;
  resolvedByBot: number;
  escalated: number;
  deflectionRate: number | null;
  ticketsOpened: number;
  ticketsSolved: number;
  firstResponse: { median: number | null; p90: number | null };
  resolution: { median: number | null; p90: number | null };
  slaMetRate: number | null;
  csatBot: number | null;
  csatBotResponses: number;
  csatHuman: number | null;
  csatHumanSatisfied: number | null;
  csatHumanResponses: number;
  volume: Map<string, { conversations: number; tickets: number }>;
  entries: Map<string, { answers: number; helpful: number; notHelpful: number }>;
}

const HOUR = 3_600_000;

/** The value at rank ⌊q·n⌋ of the sorted values (0-based, capped at the last), in hours to 0.1. */
function rank(values: number[], q: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return (
    Math.round(((sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number) / HOUR) * 10) /
    10
  );
}
const share = (part: number, whole: number) =>
  whole === 0 ? null : Math.round((part / whole) * 1000) / 1000;

/** The calendar day of `at` in `timeZone`, as YYYY-MM-DD. */
export function zonedDay(at: number, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(at);
}

export function expectedInsights(
  seed: Seed,
  options: { days: number; language?: string; team?: string; channel?: string; timeZone: string },
): Expected {
  const since = seed.now - options.days * 24 * HOUR;
  const inPeriod = (at: number) => at >= since && at < seed.now;
  const allTickets = seed.tickets.filter((t) => inPeriod(t.createdAt));
  const tickets = allTickets.filter(
    (t) =>
      (!options.language || t.language === options.language) &&
      (!options.team || t.team === options.team) &&
      (!options.channel || t.channel === options.channel),
  );
  const teamConversations = new Set(
    allTickets.filter((t) => t.team === options.team).map((t) => t.conversation),
  );
  const turns = seed.turns.filter(
    (t) =>
      inPeriod(t.at) &&
      (!options.language || t.language === options.language) &&
      (!options.channel || t.channel === options.channel) &&
      (!options.team || teamConversations.has(t.conversation)),
  );
  const ticketed = new Set(allTickets.map((t) => t.conversation));
  const byConversation = new Map<string, string[]>();
  for (const turn of turns)
    byConversation.set(turn.conversation, [...(byConversation.get(turn.conversation) ?? []), turn.action]);
  let escalated = 0;
  let resolvedByBot = 0;
  for (const [conversation, actions] of byConversation) {
    if (ticketed.has(conversation) || actions.includes("escalate") || actions.includes("ticket")) escalated++;
    else if (actions.includes("answer")) resolvedByBot++;
  }
  let met = 0;
  let decided = 0;
  for (const t of tickets) {
    if (t.firstResponseAt !== null) {
      decided++;
      if (t.firstResponseAt <= t.firstResponseDueAt) met++;
    } else if (seed.now > t.firstResponseDueAt) decided++;
    if (t.solvedAt !== null) {
      decided++;
      if (t.solvedAt <= t.resolutionDueAt) met++;
    } else if (seed.now > t.resolutionDueAt) decided++;
  }
  const feedback = seed.feedback.filter(
    (f) => inPeriod(f.at) && (!options.language || f.language === options.language),
  );
  const scores = tickets.flatMap((t) => (t.csat === null ? [] : [t.csat]));
  const volume = new Map<string, { conversations: number; tickets: number }>();
  const seen = new Set<string>();
  for (const turn of turns) {
    const day = zonedDay(turn.at, options.timeZone);
    const row = volume.get(day) ?? { conversations: 0, tickets: 0 };
    if (!seen.has(`${day}|${turn.conversation}`)) {
      seen.add(`${day}|${turn.conversation}`);
      row.conversations++;
    }
    volume.set(day, row);
  }
  for (const t of tickets) {
    const day = zonedDay(t.createdAt, options.timeZone);
    const row = volume.get(day) ?? { conversations: 0, tickets: 0 };
    row.tickets++;
    volume.set(day, row);
  }
  const entries = new Map<string, { answers: number; helpful: number; notHelpful: number }>();
  const entry = (id: string) => {
    const found = entries.get(id) ?? { answers: 0, helpful: 0, notHelpful: 0 };
    entries.set(id, found);
    return found;
  };
  for (const turn of turns) if (turn.action === "answer" && turn.faqId) entry(turn.faqId).answers++;
  for (const f of feedback) entry(f.entryId)[f.helpful ? "helpful" : "notHelpful"]++;
  const firstResponses = tickets.flatMap((t) =>
    t.firstResponseAt === null ? [] : [t.firstResponseAt - t.createdAt],
  );
  const resolutions = tickets.flatMap((t) => (t.solvedAt === null ? [] : [t.solvedAt - t.createdAt]));
  return {
    conversations: byConversation.size,
    resolvedByBot,
    escalated,
    deflectionRate: share(resolvedByBot, byConversation.size),
    ticketsOpened: tickets.length,
    ticketsSolved: tickets.filter((t) => t.solvedAt !== null).length,
    firstResponse: { median: rank(firstResponses, 0.5), p90: rank(firstResponses, 0.9) },
    resolution: { median: rank(resolutions, 0.5), p90: rank(resolutions, 0.9) },
    slaMetRate: share(met, decided),
    csatBot: share(feedback.filter((f) => f.helpful).length, feedback.length),
    csatBotResponses: feedback.length,
    csatHuman: scores.length
      ? Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 100) / 100
      : null,
    csatHumanSatisfied: share(scores.filter((s) => s >= 4).length, scores.length),
    csatHumanResponses: scores.length,
    volume,
    entries,
  };
}
