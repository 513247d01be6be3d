import { parseArgs } from "node:util";
import { loadConfig } from "../app/config.ts";
import { createApp } from "../app/create-app.ts";
import { createLogger } from "../core/logger.ts";
import { insightsQuerySchema } from "../insights/insights-query.ts";
import { buildSupportReport } from "../metrics/support-report.ts";
import { SwitchboardError } from "../model/errors.ts";

/** `npm run report`: first response and resolution times, CSAT, deflection, FAQ feedback, blocks. */
const { values } = parseArgs({
  options: {
    json: { type: "boolean" },
    days: { type: "string" },
    // The /insights view of the same numbers: period 7 | 30 | 90 | custom (with --from/--to), filters.
    period: { type: "string" },
    from: { type: "string" },
    to: { type: "string" },
    channel: { type: "string" },
    team: { type: "string" },
    language: { type: "string" },
  },
});
try {
  const days = Number(values.days ?? 30);
  if (!Number.isFinite(days) || days <= 0)
    throw new SwitchboardError("CONFIG_INVALID", "--days must be a positive number");
  const query = insightsQuerySchema.safeParse({
    period:
      values.period ?? (values.days && ["7", "30", "90"].includes(values.days) ? values.days : undefined),
    from: values.from,
    to: values.to,
    channel: values.channel,
    team: values.team,
    language: values.language,
  });
  if (!query.success)
    throw new SwitchboardError(
      "CONFIG_INVALID",
      `report options: ${query.error.issues.map((i) => (i.path.length > 0 ? `--${i.path.join(".")}: ` : "") + i.message).join("; ")}`,
    );
  const config = { ...loadConfig(), KB_WATCH: false };
  const app = await createApp({ config, logger: createLogger({ level: "warn", name: "report" }) });
  const report = await buildSupportReport({
    db: app.ticketDb,
    state: app.state,
    faqFeedback: () => app.tickets.store.faqFeedbackSummary(),
    since: Date.now() - days * 24 * 3600 * 1000,
  });
  // Only the JSON view prints the insights, so only it computes them.
  const insights = values.json ? await app.insights.report(query.data) : undefined;
  await app.close();
  if (insights) {
    console.log(JSON.stringify({ ...report, insights }, null, 2));
  } else {
    const pct = (value: number | null) => (value === null ? "–" : `${Math.round(value * 100)} %`);
    const hours = (value: number | null) => (value === null ? "–" : `${value} h`);
    console.log(`Support report, last ${days} days`);
    console.log(
      `  conversations ${report.conversations.total}: answered by the bot ${report.conversations.answeredByBot}, handed to people ${report.conversations.escalated} (deflection ${pct(report.conversations.deflectionRate)})`,
    );
    console.log(
      `  tickets opened ${report.tickets.opened}, solved ${report.tickets.solved}, open ${report.tickets.open}, SLA breaches ${report.tickets.slaBreaches}`,
    );
    console.log(
      `  first response: median ${hours(report.firstResponseHours.median)}, p90 ${hours(report.firstResponseHours.p90)}`,
    );
    console.log(
      `  resolution: median ${hours(report.resolutionHours.median)}, p90 ${hours(report.resolutionHours.p90)}`,
    );
    console.log(
      `  CSAT: ${report.csat.average ?? "–"} / 5 from ${report.csat.responses} ratings (response rate ${pct(report.csat.responseRate)})`,
    );
    console.log(
      `  blocked customers: ${report.blocks.active} now; ${report.blocks.created} blocks made, ${report.blocks.lifted} lifted in the period`,
    );
    for (const entry of report.faqFeedback.slice(0, 10)) {
      console.log(
        `  FAQ ${entry.entryId}: 👍 ${entry.helpful} 👎 ${entry.notHelpful} (${pct(entry.helpfulRate)} helpful)`,
      );
    }
  }
} catch (error) {
  console.error(error instanceof SwitchboardError ? error.message : error);
  process.exitCode = 1;
}
