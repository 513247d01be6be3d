import { RateLimiterRes } from "rate-limiter-flexible";
import type { CapVerdict, OutcomeCap } from "../core/gate.ts";
import type { Logger } from "../core/logger.ts";
import { limitKey } from "./limit-key.ts";
import type { LimiterBackend } from "./limiter-backend.ts";
import type { RateSpec } from "./rate-spec.ts";

/**
 * A client address (the web chat) may take this many times a user's budget: several people can
 * share one address (an office, a mobile carrier's NAT).
 */
export const CLIENT_SHARE = 5;

/**
 * A budget for one costly outcome (`tickets`, `handoffs`) per user and per client address, e.g.
 * 3 per hour. `undefined` when the budget is off.
 */
export function createOutcomeCap(options: {
  backend: LimiterBackend;
  name: string;
  spec: RateSpec | null | undefined;
  logger: Logger;
}): OutcomeCap | undefined {
  const { spec } = options;
  if (!spec) return undefined;
  const log = options.logger.child({ component: "outcome-caps", outcome: options.name });
  const user = options.backend.limiter(`${options.name}:user`, spec);
  const client = options.backend.limiter(`${options.name}:client`, {
    points: spec.points * CLIENT_SHARE,
    seconds: spec.seconds,
  });

  async function take(limiter: typeof user, key: string): Promise<CapVerdict> {
    try {
      await limiter.consume(key);
      return { allowed: true };
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) {
        return { allowed: false, retryAfterMs: Math.max(0, rejection.msBeforeNext) };
      }
      log.error({ err: rejection }, "outcome cap not checked: the counter store failed");
      return { allowed: true };
    }
  }

  return {
    windowMs: spec.seconds * 1000,
    async take(subject) {
      const byUser = await take(user, limitKey(`${subject.channel}:${subject.userId}`));
      if (!byUser.allowed || !subject.clientKey) return byUser;
      return take(client, limitKey(`${subject.channel}:${subject.clientKey}`));
    },
  };
}
