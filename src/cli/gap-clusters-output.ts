import type { GapCluster } from "../insights/gaps/gap-clusters.ts";

/**
 * The FAQ-gap clusters as `npm run gaps` prints them (JSON with `json`): one block per meaning,
 * most asked first, with its wordings (personal data already masked) and the closest entry.
 */
export function formatGapClusters(clusters: readonly GapCluster[], options: { json?: boolean } = {}): string {
  if (options.json) return JSON.stringify(clusters, null, 2);
  if (clusters.length === 0) return "No unanswered questions recorded yet.";
  return clusters
    .map((cluster) => {
      const closest = cluster.closest
        ? `closest entry: ${cluster.closest.entryId} (${cluster.closest.score})`
        : "no close entry";
      const clarified = cluster.clarified ? `, ${cluster.clarified} clarified` : "";
      const head = `${cluster.count} asked${clarified} · ${cluster.languages.join(", ")} · ${closest}`;
      const lines = cluster.questions
        .slice(0, 5)
        .map((q) => `    ${String(q.count).padStart(3)}  ${q.language.padEnd(3)} ${q.text}`);
      const more =
        cluster.questions.length > 5 ? [`    … ${cluster.questions.length - 5} more wordings`] : [];
      return [head, ...lines, ...more].join("\n");
    })
    .join("\n\n");
}
