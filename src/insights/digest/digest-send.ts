import type { SupportedLanguage } from "../../i18n/languages.ts";
import type { GapService } from "../gaps/gap-service.ts";
import type { InsightsService } from "../insights-service.ts";
import { composeDigest } from "./digest-text.ts";

/** Builds the last 7 days' digest (the same numbers as /insights) and hands it to `post`. */
export function createDigestSender(deps: {
  insights: InsightsService;
  gaps: GapService;
  language: SupportedLanguage;
  post: (markdown: string) => Promise<void>;
}): () => Promise<void> {
  return async () => {
    const report = await deps.insights.report({ period: "7" });
    const gaps = await deps.gaps.clusters({ period: "7" });
    await deps.post(composeDigest(report, gaps, deps.language));
  };
}
