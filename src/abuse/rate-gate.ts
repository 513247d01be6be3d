import type { Gate, GateDecision, GateReason } from "../core/gate.ts";
import type { Logger } from "../core/logger.ts";
import type { SupportedLanguage } from "../i18n/languages.ts";
import type { InboundEvent } from "../model/events.ts";
import { abuseMessages } from "./abuse-messages.ts";
import type { BlockService } from "./block-service.ts";
import type { MessageLimits } from "./message-limits.ts";

export interface RateGateOptions {
  /** Blocked users: one notice per block, then silence. */
  blocks?: Pick<BlockService, "activeFor" | "claimNotice">;
  /** Message budgets: one notice per budget and window, the rest dropped. */
  limits?: MessageLimits;
  /** The language the notice is written in. */
  language: (event: InboundEvent) => Promise<SupportedLanguage>;
  logger: Logger;
}

const ALLOW: GateDecision = { verdict: "allow" };

/**
 * The gate the core runs for every inbound event after de-duplication and before the turn: a
 * blocked user, or an event over a message budget, is kept out of the turn — no understanding, no
 * flow, no ticket, nothing relayed to the desk. Each gets one polite notice in the user's language;
 * later events are dropped silently. When blocks or budgets cannot be checked, the event is allowed.
 */
export function createRateGate(options: RateGateOptions): Gate {
  const log = options.logger.child({ component: "gate" });

  async function notify(
    event: InboundEvent,
    reason: GateReason,
    key: keyof (typeof abuseMessages.sentences)["en"],
    params: Record<string, number> = {},
  ): Promise<GateDecision> {
    const language = await options.language(event);
    return { verdict: "notify", reason, message: { text: abuseMessages.t(language, key, params), language } };
  }

  return {
    async check(event) {
      try {
        const block = await options.blocks?.activeFor(event.user.channel, event.user.id);
        if (block) {
          if (!(await options.blocks?.claimNotice(block))) return { verdict: "drop", reason: "blocked" };
          log.info(
            { conversation: event.conversation, block: block.id },
            "blocked user told they are blocked",
          );
          return notify(event, "blocked", "abuse.blocked");
        }
        const verdict = await options.limits?.take(event);
        if (!verdict?.over) return ALLOW;
        if (!verdict.first) return { verdict: "drop", reason: "rate_limited" };
        log.warn(
          { conversation: event.conversation, retryAfterMs: verdict.retryAfterMs },
          "message budget exceeded: further messages are dropped until the window ends",
        );
        return notify(event, "rate_limited", "abuse.slowDown", {
          seconds: Math.max(1, Math.ceil(verdict.retryAfterMs / 1000)),
        });
      } catch (error) {
        log.error({ err: error, conversation: event.conversation }, "gate check failed: event allowed");
        return ALLOW;
      }
    },
  };
}
