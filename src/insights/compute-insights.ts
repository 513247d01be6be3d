import { quantileHours, ratio } from "../metrics/report-math.ts";
import { isoDate, toZoned } from "../tickets/sla/zoned-time.ts";
import type { InsightsData, InsightTicket } from "./insights-data.ts";
import type { InsightsFilters, InsightsRange } from "./insights-query.ts";
import type { InsightsReport, Mix, Spread } from "./insights-report.ts";
import type { TurnFact } from "./turn-facts.ts";

const HOUR = 3_600_000;
/** Intent series beyond this many are summed as "other", so the chart stays readable. */
const MAX_INTENT_SERIES = 6;

const spread = (values: number[]): Spread => ({
  median: quantileHours(values, 0.5),
  p90: quantileHours(values, 0.9),
});

const dayOf = (at: number, timeZone: string): string => isoDate(toZoned(at, timeZone));

/** Every day of the range in the zone, so quiet days show as zero rather than vanish. */
function daysOf(range: InsightsRange, timeZone: string): string[] {
  const days: string[] = [];
  for (let at = range.since; at < range.until; at += HOUR) {
    const day = dayOf(at, timeZone);
    if (days.at(-1) !== day) days.push(day);
  }
  const last = dayOf(range.until - 1, timeZone);
  if (days.at(-1) !== last) days.push(last);
  return days;
}

/** Counts per day and label, labels ordered by total (most first). */
function mixOf(
  turns: TurnFact[],
  label: (t: TurnFact) => string | null,
  days: string[],
  zone: string,
  max?: number,
): Mix {
  const totals = new Map<string, number>();
  for (const turn of turns) {
    const name = label(turn);
    if (name !== null) totals.set(name, (totals.get(name) ?? 0) + 1);
  }
  const ranked = [...totals.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([n]) => n);
  const series = max !== undefined && ranked.length > max ? [...ranked.slice(0, max - 1), "other"] : ranked;
  const index = new Map(series.map((name, i) => [name, i]));
  const rows = new Map(days.map((day) => [day, series.map(() => 0)]));
  for (const turn of turns) {
    const name = label(turn);
    if (name === null) continue;
    const counts = rows.get(dayOf(turn.at, zone));
    const column = index.get(name) ?? index.get("other");
    if (counts && column !== undefined) counts[column] = (counts[column] ?? 0) + 1;
  }
  return { series, days: days.map((day) => ({ day, counts: rows.get(day) ?? [] })) };
}

/** Targets met and decided for one ticket: answered/solved by the due time, or past due without. */
function slaOutcomes(ticket: InsightTicket, now: number): { met: number; decided: number } {
  let met = 0;
  let decided = 0;
  if (ticket.firstResponseAt !== null) {
    decided++;
    if (ticket.firstResponseAt <= ticket.firstResponseDueAt) met++;
  } else if (now > ticket.firstResponseDueAt) decided++;
  if (ticket.solvedAt !== null) {
    decided++;
    if (ticket.solvedAt <= ticket.resolutionDueAt) met++;
  } else if (!ticket.slaPaused && now > ticket.resolutionDueAt) decided++;
  return { met, decided };
}

const sortedUnique = (values: Iterable<string>) => [...new Set(values)].sort();

/**
 * Computes the insights of a period from its data. Tickets are filtered by their channel, team and
 * language; turns by channel and language, and with a team filter only conversations that opened a
 * ticket of that team count; FAQ ratings carry only a language (no channel or team).
 */
export function computeInsights(
  data: InsightsData,
  options: {
    range: InsightsRange;
    filters: InsightsFilters;
    timeZone: string;
    targets: { firstResponseHours: number; resolutionHours: number };
    now: number;
  },
): InsightsReport {
  const { filters, timeZone, range } = options;
  const tickets = data.tickets.filter(
    (t) =>
      (!filters.channel || t.channel === filters.channel) &&
      (!filters.team || t.team === filters.team) &&
      (!filters.language || t.language === filters.language),
  );
  const teamConversations = filters.team
    ? new Set(data.tickets.filter((t) => t.team === filters.team).map((t) => t.conversation))
    : undefined;
  const turns = data.turns.filter(
    (t) =>
      (!filters.channel || t.channel === filters.channel) &&
      (!filters.language || t.language === filters.language) &&
      (!teamConversations || teamConversations.has(t.conversation)),
  );
  const feedback = data.feedback.filter((f) => !filters.language || f.language === filters.language);

  const ticketConversations = new Set(data.tickets.map((t) => t.conversation));
  const conversations = new Map<string, { answered: boolean; escalated: boolean }>();
  for (const turn of turns) {
    const c = conversations.get(turn.conversation) ?? { answered: false, escalated: false };
    if (turn.action === "answer") c.answered = true;
    if (turn.action === "escalate" || turn.action === "ticket") c.escalated = true;
    conversations.set(turn.conversation, c);
  }
  let escalated = 0;
  let resolvedByBot = 0;
  for (const [id, c] of conversations) {
    if (c.escalated || ticketConversations.has(id)) escalated++;
    else if (c.answered) resolvedByBot++;
  }

  let met = 0;
  let decided = 0;
  for (const ticket of tickets) {
    const outcome = slaOutcomes(ticket, options.now);
    met += outcome.met;
    decided += outcome.decided;
  }
  const rated = tickets.flatMap((t) => (t.csat === null ? [] : [t.csat]));
  const helpful = feedback.filter((f) => f.helpful).length;

  const days = daysOf(range, timeZone);
  const conversationDays = new Map(days.map((day) => [day, new Set<string>()]));
  for (const turn of turns) conversationDays.get(dayOf(turn.at, timeZone))?.add(turn.conversation);
  const ticketDays = new Map(days.map((day) => [day, 0]));
  for (const ticket of tickets) {
    const day = dayOf(ticket.createdAt, timeZone);
    if (ticketDays.has(day)) ticketDays.set(day, (ticketDays.get(day) ?? 0) + 1);
  }

  const reasons = new Map<string, number>();
  for (const turn of turns) {
    if (turn.action !== "escalate") continue;
    const reason = turn.escalationReason ?? "unspecified";
    reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  }

  const grid = Array.from({ length: 7 }, () => Array.from({ length: 24 }, () => 0));
  for (const turn of turns) {
    const z = toZoned(turn.at, timeZone);
    const row = grid[z.weekday] as number[];
    row[z.hour] = (row[z.hour] ?? 0) + 1;
  }

  const entries = new Map<string, { answers: number; helpful: number; notHelpful: number }>();
  const entry = (id: string) => {
    const found = entries.get(id) ?? { answers: 0, helpful: 0, notHelpful: 0 };
    entries.set(id, found);
    return found;
  };
  for (const turn of turns) if (turn.action === "answer" && turn.faqId) entry(turn.faqId).answers++;
  for (const f of feedback) {
    if (f.helpful) entry(f.entryId).helpful++;
    else entry(f.entryId).notHelpful++;
  }

  return {
    since: range.since,
    until: range.until,
    timeZone,
    filters,
    choices: {
      channels: sortedUnique([...data.turns.map((t) => t.channel), ...data.tickets.map((t) => t.channel)]),
      teams: sortedUnique(data.tickets.map((t) => t.team)),
      languages: sortedUnique([...data.turns.map((t) => t.language), ...data.tickets.map((t) => t.language)]),
    },
    headline: {
      conversations: conversations.size,
      resolvedByBot,
      deflectionRate: ratio(resolvedByBot, conversations.size),
      escalated,
      ticketsOpened: tickets.length,
      ticketsSolved: tickets.filter((t) => t.solvedAt !== null).length,
      firstResponseHours: spread(
        tickets.flatMap((t) => (t.firstResponseAt === null ? [] : [t.firstResponseAt - t.createdAt])),
      ),
      resolutionHours: spread(
        tickets.flatMap((t) => (t.solvedAt === null ? [] : [t.solvedAt - t.createdAt])),
      ),
      targets: options.targets,
      slaMetRate: ratio(met, decided),
      csat: {
        bot: { responses: feedback.length, satisfiedRate: ratio(helpful, feedback.length) },
        human: {
          responses: rated.length,
          average: rated.length
            ? Math.round((rated.reduce((sum, score) => sum + score, 0) / rated.length) * 100) / 100
            : null,
          satisfiedRate: ratio(rated.filter((score) => score >= 4).length, rated.length),
        },
      },
    },
    volume: days.map((day) => ({
      day,
      conversations: conversationDays.get(day)?.size ?? 0,
      tickets: ticketDays.get(day) ?? 0,
    })),
    escalationReasons: [...reasons.entries()]
      .map(([reason, count]) => ({ reason, count }))
      .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason)),
    intentMix: mixOf(turns, (t) => t.intent, days, timeZone, MAX_INTENT_SERIES),
    sentimentMix: mixOf(turns, (t) => t.sentiment, days, timeZone),
    busiestHours: grid,
    topEntries: [...entries.entries()]
      .map(([entryId, counts]) => ({ entryId, ...counts }))
      .sort(
        (a, b) =>
          b.answers - a.answers ||
          b.helpful + b.notHelpful - (a.helpful + a.notHelpful) ||
          a.entryId.localeCompare(b.entryId),
      )
      .slice(0, 10),
  };
}
