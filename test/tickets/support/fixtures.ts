import { migrate } from "../../../src/tickets/db/migrate.ts";
import type { SqlDatabase } from "../../../src/tickets/db/sql-database.ts";
import { createSlaPolicy } from "../../../src/tickets/sla/sla-policy.ts";
import type { CreateTicketInput } from "../../../src/tickets/ticket-input.ts";
import { createTicketStore, type TicketStore } from "../../../src/tickets/ticket-store.ts";

/** KST wall time → epoch ms (KST is UTC+9 all year). */
export function kst(year: number, month: number, day: number, hour: number, minute = 0): number {
  return Date.UTC(year, month - 1, day, hour - 9, minute);
}

export const HOUR = 3_600_000;
export const MINUTE = 60_000;

/** A clock tests move by hand. */
export interface FakeClock {
  (): number;
  set(t: number): void;
  advance(ms: number): void;
}

export function fakeClock(start: number): FakeClock {
  let now = start;
  const clock = (() => now) as FakeClock;
  clock.set = (t) => {
    now = t;
  };
  clock.advance = (ms) => {
    now += ms;
  };
  return clock;
}

export const CATEGORIES = ["general", "technical", "billing", "account", "privacy"] as const;
export const RULES = { allowedCategories: CATEGORIES };
/** The store suites check business-hour arithmetic, so they count targets in business hours. */
export const sla = createSlaPolicy({ clock: "business" });

/** A valid ticket input for a web customer; override what the test is about. */
export function ticketInput(overrides: Partial<CreateTicketInput> = {}): CreateTicketInput {
  return {
    address: "web:conv-1",
    customer: { channel: "web", id: "cust-1", name: "Mina Park" },
    language: "en",
    category: "billing",
    team: "Billing",
    subject: "Charged twice for March",
    description: "My card was charged twice for the March plan.",
    orderNumber: "PM-10042",
    priority: "normal",
    ...overrides,
  };
}

/** Migrates `db` and wraps it in a store on `clock`. */
export async function openStore(db: SqlDatabase, clock: () => number): Promise<TicketStore> {
  await migrate(db);
  return createTicketStore({ db, sla, clock });
}
