import type { Keyv } from "keyv";
import { createCommandsFlow } from "../../flows/commands/commands-flow.ts";
import { createFaqFlow } from "../../flows/faq/faq-flow.ts";
import { createHandoffRequestFlow } from "../../flows/handoff/handoff-request-flow.ts";
import {
  createPolicyEscalationFlow,
  escalateWhenStuck,
  trackMood,
} from "../../flows/handoff/policy-escalation-flow.ts";
import { createRelayFlow, relayWhileQueued } from "../../flows/handoff/relay-flow.ts";
import {
  createPrivacyGuardFlow,
  type PendingPrivateQuestion,
} from "../../flows/privacy/privacy-guard-flow.ts";
import { createSmalltalkFlow } from "../../flows/smalltalk/smalltalk-flow.ts";
import { applyEmpathy } from "../../flows/tone/empathy.ts";
import type { Coordinator } from "../coordination/coordinator.ts";
import { createMemoryCoordinator } from "../coordination/memory-coordinator.ts";
import { createRedisCoordinator } from "../coordination/redis-coordinator.ts";
import { type Bot, createBot } from "../core/bot.ts";
import { type ChannelRegistry, createChannelRegistry } from "../core/channels.ts";
import type { Config } from "../core/config.ts";
import type { Flow } from "../core/flow.ts";
import { createLogger, type Logger } from "../core/logger.ts";
import type { ConversationState } from "../core/state.ts";
import { createKeyvTranscriptStore, type TranscriptEntry, type TranscriptStore } from "../core/transcript.ts";
import type { TurnResult } from "../core/turn-result.ts";
import type { Understander } from "../core/understander.ts";
import type { HandoffEvent } from "../handoff/bot-framework-events.ts";
import type { Desk, DeskLine } from "../handoff/desk.ts";
import { escalationPolicySchema } from "../handoff/escalation-policy.ts";
import { createHandoffService, type HandoffRecord, type HandoffService } from "../handoff/handoff-service.ts";
import { createLocalDesk, type LocalDesk } from "../handoff/local-desk.ts";
import { isSupportedLanguage } from "../i18n/translate.ts";
import { createKnowledgeService, type KnowledgeService } from "../kb/knowledge-service.ts";
import { createUnansweredLog, type UnansweredLog, type UnansweredRecord } from "../kb/unanswered-log.ts";
import { createKeyvFactory, type KeyvFactory, storeOptionsFromConfig } from "../store/create-keyv.ts";
import { createDefaultUnderstander } from "./default-understander.ts";

export interface AppOptions {
  config: Config;
  logger?: Logger;
  /** Replaces the offline understanding models (tests). */
  understander?: Understander;
  /** Replies to channels without an adapter are dropped instead of failing (replay). */
  dropUnknownChannels?: boolean;
  onTurn?: (result: TurnResult) => void;
  /** The desk people work from; default: the local desk (the Slack desk replaces it when configured). */
  desk?: Desk;
  /** Hears hand-off events (see src/handoff/bot-framework-events.ts). */
  onHandoffEvent?: (event: HandoffEvent) => void;
}

/** The assembled core: every service the adapters and CLIs need, with one `close`. */
export interface App {
  config: Config;
  logger: Logger;
  bot: Bot;
  channels: ChannelRegistry;
  knowledge: KnowledgeService;
  stores: KeyvFactory;
  state: Keyv<ConversationState>;
  transcript: TranscriptStore;
  unanswered: UnansweredLog;
  coordinator: Coordinator;
  handoff: HandoffService;
  /** The local desk, when it is the desk in use. */
  localDesk: LocalDesk | undefined;
  flows: readonly Flow[];
  close(): Promise<void>;
}

/** Builds the core from configuration. Throws ConfigError/KbError with what to fix. */
export async function createApp(options: AppOptions): Promise<App> {
  const { config } = options;
  const logger = options.logger ?? createLogger({ level: config.LOG_LEVEL });
  const knowledge = createKnowledgeService(config.KB_PATH);
  const stores = createKeyvFactory(storeOptionsFromConfig(config));
  const coordinator =
    config.STORE === "redis" && config.REDIS_URL
      ? await createRedisCoordinator({ url: config.REDIS_URL })
      : createMemoryCoordinator();
  const stateTtlMs = config.STATE_TTL_DAYS * 24 * 3600 * 1000;
  const state = stores.namespace<ConversationState>("state");
  const transcript = createKeyvTranscriptStore(stores.namespace<TranscriptEntry[]>("transcript"), {
    ttlMs: stateTtlMs,
  });
  const unanswered = createUnansweredLog(stores.namespace<UnansweredRecord>("unanswered"));
  const channels = createChannelRegistry({ logger, dropUnknown: options.dropUnknownChannels ?? false });

  const localDesk = options.desk
    ? undefined
    : createLocalDesk({ lines: stores.namespace<DeskLine[]>("desk-lines") });
  const desk = options.desk ?? (localDesk as LocalDesk);
  let bot: Bot | undefined;
  const handoff = createHandoffService({
    bot: () => {
      if (!bot) throw new Error("the bot is not created yet");
      return bot;
    },
    desk,
    transcript,
    index: stores.namespace<HandoffRecord>("handoffs"),
    logger,
    leaseMs: config.HANDOFF_LEASE_MINUTES * 60_000,
    ...(options.onHandoffEvent ? { onEvent: options.onHandoffEvent } : {}),
  });

  const policy = escalationPolicySchema.parse({
    maxUnanswered: config.ESCALATE_AFTER_UNANSWERED,
    vipUsers: config.VIP_USERS,
    refundAmountThreshold: config.ESCALATE_REFUND_OVER,
  });
  const flows: Flow[] = [
    createRelayFlow({ relay: handoff }),
    createPrivacyGuardFlow({ pending: stores.namespace<PendingPrivateQuestion>("private-pending") }),
    createCommandsFlow(),
    createHandoffRequestFlow({ escalator: handoff }),
    createPolicyEscalationFlow({ escalator: handoff, policy }),
    createSmalltalkFlow(),
    createFaqFlow({
      knowledge,
      unanswered,
      thresholds: {
        answer: config.FAQ_ANSWER_THRESHOLD,
        clarify: config.FAQ_CLARIFY_THRESHOLD,
        margin: 0.12,
      },
    }),
  ];
  const understander =
    options.understander ?? createDefaultUnderstander({ knowledge: knowledge.current(), flows });
  const defaultLocale = knowledge.current().kb.defaultLocale;
  bot = createBot({
    flows,
    understander,
    state,
    transcript,
    coordinator,
    capabilitiesFor: channels.capabilitiesFor,
    deliver: channels.deliver,
    defaultLanguage: isSupportedLanguage(defaultLocale) ? defaultLocale : "en",
    logger,
    afterFlow: [
      applyEmpathy,
      escalateWhenStuck({ escalator: handoff, policy }),
      trackMood(policy),
      relayWhileQueued(handoff),
    ],
    openPrivate: async (channel, request) => channels.get(channel)?.openPrivateConversation?.(request),
    botName: config.BOT_NAME,
    idempotencyTtlMs: config.IDEMPOTENCY_TTL_SECONDS * 1000,
    stateTtlMs,
    ...(options.onTurn ? { onTurn: options.onTurn } : {}),
  });

  return {
    config,
    logger,
    bot,
    channels,
    knowledge,
    stores,
    state,
    transcript,
    unanswered,
    coordinator,
    handoff,
    localDesk,
    flows,
    async close() {
      knowledge.close();
      for (const adapter of channels.all()) await adapter.stop().catch(() => undefined);
      await coordinator.close();
      await stores.close();
    },
  };
}
