import { parseArgs } from "node:util";
import { loadConfig } from "../app/config.ts";
import { clusterGaps } from "../insights/gaps/gap-clusters.ts";
import { MAX_GAP_RECORDS } from "../insights/gaps/gap-service.ts";
import { createKnowledgeService } from "../kb/knowledge-service.ts";
import { createUnansweredLog, UNANSWERED_NAMESPACE } from "../kb/unanswered-log.ts";
import { SwitchboardError } from "../model/errors.ts";
import { createKeyvFactory, storeOptionsFromConfig } from "../store/create-keyv.ts";
import { formatGapClusters } from "./gap-clusters-output.ts";
import { formatGaps } from "./gaps-output.ts";

/**
 * `npm run gaps`: the questions the bot could not answer (or had to clarify), grouped by meaning,
 * most asked first, to improve the FAQ. `--raw` lists each distinct wording instead.
 */
const { values } = parseArgs({
  options: { json: { type: "boolean" }, limit: { type: "string" }, raw: { type: "boolean" } },
});
try {
  const config = loadConfig();
  const stores = createKeyvFactory(storeOptionsFromConfig(config));
  const log = createUnansweredLog(stores.namespace<unknown>(UNANSWERED_NAMESPACE));
  const json = values.json === true;
  if (values.raw) {
    console.log(formatGaps(await log.list(Number(values.limit ?? 50)), { json }));
  } else {
    const knowledge = createKnowledgeService(config.KB_PATH);
    const clusters = clusterGaps(await log.list(MAX_GAP_RECORDS), knowledge.current());
    knowledge.close();
    console.log(formatGapClusters(clusters.slice(0, Number(values.limit ?? 50)), { json }));
  }
  await stores.close();
} catch (error) {
  console.error(error instanceof SwitchboardError ? error.message : error);
  process.exitCode = 1;
}
