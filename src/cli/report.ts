import { parseArgs } from "node:util";
import { loadConfig } from "../app/config.ts";
import { createApp } from "../app/create-app.ts";
import { createLogger } from "../core/logger.ts";
import { buildSupportReport } from "../metrics/support-report.ts";
import { SwitchboardError } from "../model/errors.ts";

/** `npm run report`: first response and resolution times, CSAT, deflection, FAQ feedback, blocks. */
const { values } = parseArgs({ options: { json: { type: "boolean" }, days: { type: "string" } } });
try {
  const days = Number(values.days ?? 30);
  if (!Number.isFinite(days) || days <= 0)
    throw new SwitchboardError("CONFIG_INVALID", "--days must be a positive number");
  const config = { ...loadConfig(), KB_WATCH: false };
  const app = await createApp({ config, logger: createLogger({ level: "warn", name: "report" }) });
  const report = await buildSupportReport({
    db: app.ticketDb,
    state: app.state,
    faqFeedback: () => app.tickets.store.faqFeedbackSummary(),
    since: Date.now() - days * 24 * 3600 * 1000,
  });
  await app.close();
  if (values.json) {
    console.log(JSON.stringify(report, null, 2));
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
