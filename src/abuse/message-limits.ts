import { RateLimiterRes } from "rate-limiter-flexible";
import type { Logger } from "../core/logger.ts";
import type { InboundEvent } from "../model/events.ts";
import { limitKey } from "./limit-key.ts";
import type { LimiterBackend } from "./limiter-backend.ts";
import type { RateSpec } from "./rate-spec.ts";

/** Whether an event is within the budgets; `first` marks the first event over a budget in its window. */
export type LimitVerdict = { over: false } | { over: true; first: boolean; retryAfterMs: number };

/** The message budgets of every user, conversation and anonymous client. */
export interface MessageLimits {
  /** Counts the event against each budget it falls under. Never throws. */
  take(event: InboundEvent): Promise<LimitVerdict>;
}

export interface MessageLimitsOptions {
  backend: LimiterBackend;
  /** `null` or absent: that budget is off. */
  user?: RateSpec | null;
  conversation?: RateSpec | null;
  client?: RateSpec | null;
  logger: Logger;
}

/**
 * Fixed-window budgets per user (`channel:id`), per conversation and, when the adapter names one, per
 * client (`InboundEvent.clientKey`: a web client can rotate sessions, not its address). An event over
 * one budget is not counted against the next ones. The first event over a budget in a window is the
 * one whose count is `points + 1`: the counter is atomic (one Redis INCR), so exactly one event per
 * window and budget gets the notice, across every bot process.
 */
export function createMessageLimits(options: MessageLimitsOptions): MessageLimits {
  const log = options.logger.child({ component: "rate-limits" });
  const make = (name: string, spec: RateSpec | null | undefined) =>
    spec ? { points: spec.points, limiter: options.backend.limiter(name, spec) } : undefined;
  const user = make("user", options.user);
  const conversation = make("conversation", options.conversation);
  const client = make("client", options.client);

  return {
    async take(event) {
      const channel = event.conversation.split(":")[0] ?? event.user.channel;
      const budgets = [
        user && { ...user, key: limitKey(`${event.user.channel}:${event.user.id}`) },
        conversation && { ...conversation, key: limitKey(event.conversation) },
        client && event.clientKey && { ...client, key: limitKey(`${channel}:${event.clientKey}`) },
      ];
      for (const budget of budgets) {
        if (!budget) continue;
        try {
          await budget.limiter.consume(budget.key);
        } catch (rejection) {
          if (rejection instanceof RateLimiterRes) {
            const first = rejection.consumedPoints === budget.points + 1;
            return { over: true, first, retryAfterMs: Math.max(0, rejection.msBeforeNext) };
          }
          // The counters are unreachable: let the message through rather than fail the customer.
          log.error({ err: rejection }, "rate limit not checked: the counter store failed");
        }
      }
      return { over: false };
    },
  };
}
