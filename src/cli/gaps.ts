import { parseArgs } from "node:util";
import { loadConfig } from "../app/config.ts";
import { createUnansweredLog, UNANSWERED_NAMESPACE } from "../kb/unanswered-log.ts";
import { SwitchboardError } from "../model/errors.ts";
import { createKeyvFactory, storeOptionsFromConfig } from "../store/create-keyv.ts";

/** `npm run gaps`: the questions the bot could not answer, most asked first, to improve the FAQ. */
const { values } = parseArgs({ options: { json: { type: "boolean" }, limit: { type: "string" } } });
try {
  const config = loadConfig();
  const stores = createKeyvFactory(storeOptionsFromConfig(config));
  const log = createUnansweredLog(stores.namespace<unknown>(UNANSWERED_NAMESPACE));
  const records = await log.list(Number(values.limit ?? 50));
  await stores.close();
  if (values.json) {
    console.log(JSON.stringify(records, null, 2));
  } else if (records.length === 0) {
    console.log("No unanswered questions recorded yet.");
  } else {
    console.log("count  lang  last asked         question  (nearest KB entries)");
    for (const record of records) {
      const nearest = record.nearest.map((candidate) => `${candidate.id} ${candidate.score}`).join(", ");
      const when = new Date(record.lastAt).toISOString().slice(0, 16).replace("T", " ");
      console.log(
        `${String(record.count).padStart(5)}  ${record.language.padEnd(4)}  ${when}  ${record.text}${nearest ? `  (${nearest})` : ""}`,
      );
    }
  }
} catch (error) {
  console.error(error instanceof SwitchboardError ? error.message : error);
  process.exitCode = 1;
}
