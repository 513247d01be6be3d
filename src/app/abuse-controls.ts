import type { Keyv } from "keyv";
import { type BlockService, createBlockService } from "../abuse/block-service.ts";
import { createBlockStore } from "../abuse/block-store.ts";
import type { UserBlock } from "../abuse/block-types.ts";
import { createLimiterBackend, type LimiterBackend } from "../abuse/limiter-backend.ts";
import { createMessageLimits } from "../abuse/message-limits.ts";
import { createNoticeLanguage } from "../abuse/notice-language.ts";
import { createOutcomeCap } from "../abuse/outcome-caps.ts";
import { createRateGate } from "../abuse/rate-gate.ts";
import type { Gate, OutcomeCap } from "../core/gate.ts";
import type { Logger } from "../core/logger.ts";
import type { ConversationState } from "../core/state.ts";
import type { HandoffService } from "../handoff/handoff-service.ts";
import type { SupportedLanguage } from "../i18n/languages.ts";
import type { SqlDatabase } from "../tickets/db/sql-database.ts";
import { formatDue } from "../tickets/sla/format-due.ts";
import type { Config } from "./config.ts";

/** The budgets, opened before the services that enforce them. */
export interface Limits {
  backend: LimiterBackend | undefined;
  tickets: OutcomeCap | undefined;
  handoffs: OutcomeCap | undefined;
  close(): Promise<void>;
}

/**
 * Opens the counters (Redis when `REDIS_URL` is set, else memory) and the ticket and hand-off
 * budgets. `enabled: false` (replay, benchmarks) turns every budget off; blocks still apply.
 */
export async function openLimits(
  config: Config,
  options: { enabled: boolean; prefix?: string | undefined; logger: Logger },
): Promise<Limits> {
  const specs = [
    config.RATE_LIMIT_USER,
    config.RATE_LIMIT_CONVERSATION,
    config.RATE_LIMIT_CLIENT,
    config.RATE_LIMIT_TICKETS,
    config.RATE_LIMIT_HANDOFFS,
  ];
  if (!options.enabled || specs.every((spec) => spec === null)) {
    return { backend: undefined, tickets: undefined, handoffs: undefined, async close() {} };
  }
  const backend = await createLimiterBackend({
    redisUrl: config.REDIS_URL,
    ...(options.prefix === undefined ? {} : { prefix: options.prefix }),
  });
  const cap = (name: string, spec: Config["RATE_LIMIT_TICKETS"]) =>
    createOutcomeCap({ backend, name, spec, logger: options.logger });
  return {
    backend,
    tickets: cap("tickets", config.RATE_LIMIT_TICKETS),
    handoffs: cap("handoffs", config.RATE_LIMIT_HANDOFFS),
    close: () => backend.close(),
  };
}

/**
 * The blocklist on the ticket database and the core's gate in front of every turn. A block or an
 * unblock is shown on the customer's open hand-offs at once (both desks re-render the packet).
 */
export function createAbuseGate(deps: {
  config: Config;
  limits: Limits;
  db: SqlDatabase;
  state: Keyv<ConversationState>;
  handoff: HandoffService;
  defaultLanguage: SupportedLanguage;
  timeZone: string;
  logger: Logger;
}): { gate: Gate; blocks: BlockService } {
  const { config, limits, logger } = deps;
  const blocks = createBlockService({ store: createBlockStore(deps.db), logger });
  blocks.onChange(async (change) => {
    if (change.kind === "blocked") {
      const { block } = change;
      const customer = { channel: block.channel, id: block.userId };
      await deps.handoff.markBlocked(customer, packetBlock(block), blockLine(block, deps.timeZone));
    } else {
      const customer = { channel: change.user.channel, id: change.user.userId };
      const line = `Customer unblocked by ${change.by.name}: the bot answers them again`;
      await deps.handoff.markBlocked(customer, undefined, line);
    }
  });
  const gate = createRateGate({
    blocks,
    ...(limits.backend
      ? {
          limits: createMessageLimits({
            backend: limits.backend,
            user: config.RATE_LIMIT_USER,
            conversation: config.RATE_LIMIT_CONVERSATION,
            client: config.RATE_LIMIT_CLIENT,
            logger,
          }),
        }
      : {}),
    language: createNoticeLanguage({ state: deps.state, defaultLanguage: deps.defaultLanguage }),
    logger,
  });
  return { gate, blocks };
}

function packetBlock(block: UserBlock) {
  return { reason: block.reason, by: block.blockedBy.name, at: block.blockedAt, until: block.expiresAt };
}

/** The desk thread's record of a block. */
function blockLine(block: UserBlock, timeZone: string): string {
  const until =
    block.expiresAt === null
      ? "permanently"
      : `until ${formatDue(block.expiresAt, "en", timeZone, { now: block.blockedAt })}`;
  return `Customer blocked ${until} by ${block.blockedBy.name}: ${block.reason}`;
}
