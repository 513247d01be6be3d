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
 * Parses team assignment overrides from config, e.g. `TICKET_ROUTING="billing=Finance,technical=Tier 2"`.
 * Throws {@link ConfigError} naming the bad item.
 */
export function parseAssignmentOverrides(
  value: string | undefined,
  variable = "TICKET_ROUTING",
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
