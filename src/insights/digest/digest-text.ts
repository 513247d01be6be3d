import type { SupportedLanguage } from "../../i18n/languages.ts";
import { escapeMarkdown } from "../../markdown/escape-markdown.ts";
import { isoDate, toZoned } from "../../tickets/sla/zoned-time.ts";
import type { GapCluster } from "../gaps/gap-clusters.ts";
import type { InsightsReport } from "../insights-report.ts";
import { digestMessages } from "./digest-messages.ts";

const GAPS_SHOWN = 5;

const pct = (value: number | null) => (value === null ? "–" : `${Math.round(value * 100)} %`);
const hours = (value: number | null) => (value === null ? "–" : `${value} h`);
const day = (at: number, timeZone: string) => isoDate(toZoned(at, timeZone));

/**
 * The weekly digest as canonical Markdown: the headline numbers of the week and its most asked
 * FAQ gaps (wordings already masked). Customers' words are escaped, so they cannot format the post.
 */
export function composeDigest(
  report: InsightsReport,
  gaps: readonly GapCluster[],
  language: SupportedLanguage,
): string {
  const t = (key: Parameters<typeof digestMessages.t>[1], params?: Record<string, string | number>) =>
    digestMessages.t(language, key, params);
  const h = report.headline;
  const lines = [
    t("digest.title", {
      from: day(report.since, report.timeZone),
      to: day(report.until - 1, report.timeZone),
    }),
    "",
    `- ${t("digest.conversations", { count: h.conversations, rate: pct(h.deflectionRate) })}`,
    `- ${t("digest.tickets", { opened: h.ticketsOpened, solved: h.ticketsSolved, sla: pct(h.slaMetRate) })}`,
    `- ${t("digest.times", {
      frtMedian: hours(h.firstResponseHours.median),
      frtP90: hours(h.firstResponseHours.p90),
      resMedian: hours(h.resolutionHours.median),
      resP90: hours(h.resolutionHours.p90),
    })}`,
    `- ${t("digest.csat", { bot: pct(h.csat.bot.satisfiedRate), human: h.csat.human.average ?? "–" })}`,
    "",
    t("digest.gapsTitle"),
    "",
  ];
  if (gaps.length === 0) lines.push(t("digest.noGaps"));
  for (const gap of gaps.slice(0, GAPS_SHOWN)) {
    const text = escapeMarkdown(gap.questions[0]?.text ?? "");
    lines.push(`- ${t("digest.gap", { count: gap.count, text, languages: gap.languages.join(", ") })}`);
  }
  lines.push("", t("digest.more"));
  return lines.join("\n");
}
