import { z } from "zod";

/**
 * How soon a person should look at a ticket or a hand-off, lowest first. The one definition: the
 * trace, tickets, the SLA targets, the hand-off queue and the desks all use it, and its order is
 * what {@link higherPriority} and {@link raisePriority} follow.
 */
export const PRIORITIES = ["low", "normal", "high", "urgent"] as const;
export const prioritySchema = z.enum(PRIORITIES);
export type Priority = z.infer<typeof prioritySchema>;

/** Position in {@link PRIORITIES}: 0 for `low`, 3 for `urgent`. */
const priorityRank = (priority: Priority): number => PRIORITIES.indexOf(priority);

/** The more urgent of two priorities; an absent one gives way to the other. */
export function higherPriority(a: Priority, b: Priority): Priority;
export function higherPriority(a: Priority | undefined, b: Priority | undefined): Priority | undefined;
export function higherPriority(a: Priority | undefined, b: Priority | undefined): Priority | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return priorityRank(a) >= priorityRank(b) ? a : b;
}

/** One level up (or `levels` up), never above `urgent`. */
export function raisePriority(priority: Priority, levels = 1): Priority {
  const rank = Math.min(priorityRank(priority) + levels, PRIORITIES.length - 1);
  return PRIORITIES[rank] ?? "urgent";
}
