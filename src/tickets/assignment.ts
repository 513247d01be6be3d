import { ConfigError } from "../model/errors.ts";
import { TicketValidationError } from "./errors.ts";

/** A ticket category and the team that handles it (the KB's `ticketCategories`). */
export interface CategoryTeam {
  id: string;
  team: string;
}

/**
 * Team assignment — which team handles a ticket ("routing" is the router's word: which flow takes
 * a message). The team for a category: an operator override first, then the KB's mapping. Throws
 * {@link TicketValidationError} for a category the KB does not list.
 */
export function assignTeam(
  category: string,
  categories: readonly CategoryTeam[],
  overrides: Readonly<Record<string, string>> = {},
): string {
  const override = overrides[category];
  if (override) return override;
  const team = categories.find((entry) => entry.id === category)?.team;
  if (team) return team;
  throw new TicketValidationError(
    "category",
    "unknown_category",
    `Unknown ticket category "${category.slice(0, 64)}"; choose one of: ${categories.map((entry) => entry.id).join(", ")}.`,
  );
}

/**
 * Parses team assignment overrides from config, e.g. `TICKET_ASSIGNMENT="billing=Finance,technical=Tier 2"`.
 * Throws {@link ConfigError} naming the bad item.
 */
export function parseAssignmentOverrides(
  value: string | undefined,
  variable = "TICKET_ASSIGNMENT",
): Record<string, string> {
  const overrides: Record<string, string> = {};
  for (const item of (value ?? "")
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean)) {
    const [category, ...rest] = item.split("=");
    const team = rest.join("=").trim();
    if (!category?.trim() || !team) {
      throw new ConfigError(`${variable}: cannot read "${item}"; write "category=Team,other=Other team".`);
    }
    overrides[category.trim()] = team;
  }
  return overrides;
}

/**
 * The operator's team overrides from the environment: `TICKET_ASSIGNMENT`, or `TICKET_ROUTING`, its
 * former name, still read so existing deployments keep their teams. Setting both is refused, since
 * one would silently win.
 */
export function assignmentOverridesFromEnv(
  env: Readonly<Record<string, string | undefined>>,
): Record<string, string> {
  const current = env.TICKET_ASSIGNMENT?.trim() || undefined;
  const former = env.TICKET_ROUTING?.trim() || undefined;
  if (current && former) {
    throw new ConfigError(
      "TICKET_ASSIGNMENT and TICKET_ROUTING are both set: TICKET_ROUTING is the former name of TICKET_ASSIGNMENT; keep only TICKET_ASSIGNMENT.",
    );
  }
  return former
    ? parseAssignmentOverrides(former, "TICKET_ROUTING")
    : parseAssignmentOverrides(current, "TICKET_ASSIGNMENT");
}
