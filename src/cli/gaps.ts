import { parseArgs } from "node:util";
import { loadConfig } from "../app/config.ts";
import { createUnansweredLog, UNANSWERED_NAMESPACE } from "../kb/unanswered-log.ts";
import { SwitchboardError } from "../model/errors.ts";
import { createKeyvFactory, storeOptionsFromConfig } from "../store/create-keyv.ts";
import { formatGaps } from "./gaps-output.ts";

/** `npm run gaps`: the questions the bot could not answer, most asked first, to improve the FAQ. */
const { values } = parseArgs({ options: { json: { type: "boolean" }, limit: { type: "string" } } });
try {
  const config = loadConfig();
  const stores = createKeyvFactory(storeOptionsFromConfig(config));
  const log = createUnansweredLog(stores.namespace<unknown>(UNANSWERED_NAMESPACE));
  const records = await log.list(Number(values.limit ?? 50));
  await stores.close();
  console.log(formatGaps(records, { json: values.json === true }));
} catch (error) {
  console.error(error instanceof SwitchboardError ? error.message : error);
  process.exitCode = 1;
}
