import { ConfigError } from "../../model/errors.ts";
import type { Priority } from "../../model/priority.ts";
import type { SlaTargetName, SlaTimerKind } from "../ticket-types.ts";
import {
  addBusinessTime,
  type BusinessCalendar,
  businessTimeBetween,
  createBusinessCalendar,
  nextBusinessMoment,
} from "./business-calendar.ts";
import { type SlaConfig, type SlaConfigInput, slaConfigSchema } from "./sla-config.ts";

/** A validated SLA config with its compiled calendar. */
export interface SlaPolicy {
  readonly config: SlaConfig;
  readonly calendar: BusinessCalendar;
}

/** One timer to schedule for a ticket. */
export interface SlaTimerPlan {
  target: SlaTargetName;
  kind: SlaTimerKind;
  dueAt: number;
}

/** Due times of a ticket and the timers that watch them. */
export interface SlaSchedule {
  firstResponseDueAt: number;
  resolutionDueAt: number;
  timers: SlaTimerPlan[];
}

const HOUR_MS = 3_600_000;

/**
 * Validates an SLA config (defaults fill every gap) and compiles its calendar. Throws
 * {@link ConfigError} naming each bad field.
 */
export function createSlaPolicy(input: SlaConfigInput = {}): SlaPolicy {
  const result = slaConfigSchema.safeParse(input);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  sla.${issue.path.join(".")}: ${issue.message}`);
    throw new ConfigError(`Invalid SLA policy (fix the SLA_* settings):\n${lines.join("\n")}`);
  }
  return { config: result.data, calendar: createBusinessCalendar(result.data) };
}

/** A priority's target in business milliseconds. */
export function slaTargetMs(policy: SlaPolicy, priority: Priority, target: SlaTargetName): number {
  const targets = policy.config.targets[priority];
  const hours = target === "first_response" ? targets.firstResponseHours : targets.resolutionHours;
  return Math.round(hours * HOUR_MS);
}

/**
 * SLA time between two moments: business time with the `business` clock, elapsed time otherwise.
 * Used to measure how long a ticket waited on the customer.
 */
export function slaTimeBetween(policy: SlaPolicy, from: number, to: number): number {
  return policy.config.clock === "business"
    ? businessTimeBetween(from, to, policy.calendar)
    : Math.max(0, to - from);
}

/**
 * Due times for a ticket whose clock started at `startedAt`. `pausedMs` is the SLA time
 * already spent waiting on the customer; it pushes every due time back by that much business time
 * (the clock counts business time since start minus paused time, and is due when that reaches the
 * target). Warnings fire at `warningRatio` of each target.
 */
export function computeSlaSchedule(
  policy: SlaPolicy,
  ticket: { startedAt: number; priority: Priority; pausedMs?: number },
): SlaSchedule {
  const paused = ticket.pausedMs ?? 0;
  const due = (target: SlaTargetName, ratio: number) => {
    const span = Math.round(slaTargetMs(policy, ticket.priority, target) * ratio) + paused;
    return policy.config.clock === "business"
      ? addBusinessTime(ticket.startedAt, span, policy.calendar)
      : nextBusinessMoment(ticket.startedAt + span, policy.calendar);
  };
  const timers: SlaTimerPlan[] = [];
  for (const target of ["first_response", "resolution"] as const) {
    timers.push({ target, kind: "warning", dueAt: due(target, policy.config.warningRatio) });
    timers.push({ target, kind: "breach", dueAt: due(target, 1) });
  }
  return {
    firstResponseDueAt: due("first_response", 1),
    resolutionDueAt: due("resolution", 1),
    timers,
  };
}
