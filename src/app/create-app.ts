import { hostname } from "node:os";
import type { Keyv } from "keyv";
import { REFERENCES_NAMESPACE } from "../../adapters/channels/bot-framework/conversation-references.ts";
import type { BlockService } from "../abuse/block-service.ts";
import { createLocalCoordinator } from "../coordination/local-coordinator.ts";
import { createMemoryCoordinator } from "../coordination/memory-coordinator.ts";
import { createMemoryPushes } from "../coordination/memory-pushes.ts";
import { createRedisCoordinator } from "../coordination/redis-coordinator.ts";
import { createRedisPushes } from "../coordination/redis-pushes.ts";
import { type Bot, createBot } from "../core/bot.ts";
import { type ChannelRegistry, createChannelRegistry } from "../core/channels.ts";
import type { Coordinator } from "../core/coordinator.ts";
import type { Feature } from "../core/feature.ts";
import { createLogger, type Logger } from "../core/logger.ts";
import { createProactive } from "../core/proactive.ts";
import type { Pushes } from "../core/pushes.ts";
import type { ConversationState } from "../core/state.ts";
import type { TranscriptStore } from "../core/transcript.ts";
import type { TurnResult } from "../core/turn-result.ts";
import type { Understander } from "../core/understander.ts";
import type { HandoffEvent } from "../handoff/bot-framework-events.ts";
import type { Desk } from "../handoff/desk.ts";
import { createHandoffService, type HandoffRecord, type HandoffService } from "../handoff/handoff-service.ts";
import { createLocalDesk, type LocalDesk } from "../handoff/local-desk.ts";
import { isSupportedLanguage } from "../i18n/languages.ts";
import { createInsightsService, type InsightsService } from "../insights/insights-service.ts";
import { createTurnFactStore } from "../insights/turn-fact-store.ts";
import { turnFactOf } from "../insights/turn-facts.ts";
import { createKnowledgeService, type KnowledgeService } from "../kb/knowledge-service.ts";
import { migrateLegacyUnanswered } from "../kb/unanswered-legacy.ts";
import { createUnansweredLog, UNANSWERED_NAMESPACE, type UnansweredLog } from "../kb/unanswered-log.ts";
import { createLlm } from "../llm/create-llm.ts";
import { type BotMetrics, createBotMetrics, timeHandle } from "../metrics/bot-metrics.ts";
import { countHandoffs, countOpenTickets } from "../metrics/open-work.ts";
import { createErasure, type Erasure } from "../privacy/erasure.ts";
import { createKeyvFactory, type KeyvFactory, storeOptionsFromConfig } from "../store/create-keyv.ts";
import { createKeyvTranscriptStore } from "../store/keyv-transcript.ts";
import { createCsatOptOut } from "../tickets/csat-opt-out.ts";
import type { SqlDatabase } from "../tickets/db/sql-database.ts";
import { createHandoffTickets } from "../tickets/handoff-tickets.ts";
import { createTicketDesk, type TicketDesk } from "../tickets/ticket-desk.ts";
import type { TicketService } from "../tickets/ticket-service.ts";
import { createAbuseGate, openLimits } from "./abuse-controls.ts";
import { buildFeatures } from "./build-features.ts";
import type { Config } from "./config.ts";
import { createDefaultUnderstander } from "./default-understander.ts";
import { loadOperatorIntents } from "./intent-examples.ts";
import { openTickets } from "./open-tickets.ts";

export interface AppOptions {
  config: Config;
  logger?: Logger;
  /** Replaces the offline understanding models (tests). */
  understander?: Understander;
  /** Replies to channels without an adapter are dropped instead of failing (replay). */
  dropUnknownChannels?: boolean;
  onTurn?: (result: TurnResult) => void;
  /**
   * The desk people work from; default: the local desk (the Slack desk replaces it when
   * configured). A function builds it from the app's stores once they are open.
   */
  desk?: Desk | ((deps: { stores: KeyvFactory }) => Desk);
  /** Hears hand-off events (see src/handoff/bot-framework-events.ts). */
  onHandoffEvent?: (event: HandoffEvent) => void;
  /** `false` turns the message, ticket and hand-off budgets off (replay, benchmarks); blocks still apply. */
  rateLimits?: boolean;
  /** Start of the Redis keys of the locks, claims, pushes and budgets instead of `REDIS_PREFIX`: tests scope it per run. */
  redisKeyPrefix?: string;
  /**
   * Arranges the conversation's features: add your own where it belongs in the order, or leave one
   * out (see "Writing a feature" in the README). Default: the built-in list as it is.
   */
  features?: (builtIn: readonly Feature[]) => readonly Feature[];
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
  /** Frames for connections on any process: web chat replies, desk events (Redis with several processes). */
  pushes: Pushes;
  handoff: HandoffService;
  /** The desk people work from (Slack, or the local desk). */
  desk: Desk;
  /** The local desk, when it is the desk in use. */
  localDesk: LocalDesk | undefined;
  tickets: TicketService;
  /** Where new tickets and SLA alerts reach the staff desk. */
  ticketDesk: TicketDesk;
  ticketDb: SqlDatabase;
  /** The numbers of /insights and `npm run report -- --json`, from the turn log and the tickets. */
  insights: InsightsService;
  /** The blocklist the desks edit and the gate enforces. */
  blocks: BlockService;
  erasure: Erasure;
  features: readonly Feature[];
  /** This app's Prometheus metrics (its own registry), served on `GET /metrics`. */
  metrics: BotMetrics;
  close(): Promise<void>;
}

/** Builds the core from configuration. Throws ConfigError/KbError/TicketError with what to fix. */
export async function createApp(options: AppOptions): Promise<App> {
  const { config } = options;
  const logger = options.logger ?? createLogger({ level: config.LOG_LEVEL });
  const knowledge = createKnowledgeService(config.KB_PATH);
  const stores = createKeyvFactory(storeOptionsFromConfig(config));
  const opened: { close(): Promise<void> | void }[] = [{ close: () => knowledge.close() }, stores];
  try {
    // Several processes coordinate through Redis when the state lives there.
    const redisUrl = config.STORE === "redis" ? config.REDIS_URL : undefined;
    const redisPrefix = options.redisKeyPrefix ?? config.REDIS_PREFIX;
    // Claims live where the state does: Redis, the SQLite file (so a restart still drops
    // redeliveries), or memory.
    const coordinator = redisUrl
      ? await createRedisCoordinator({
          url: redisUrl,
          prefix: redisPrefix,
          leaseMs: config.LOCK_LEASE_SECONDS * 1000,
        })
      : stores.claims
        ? createLocalCoordinator({ claims: stores.claims })
        : createMemoryCoordinator();
    opened.push(coordinator);
    const pushes = redisUrl
      ? await createRedisPushes({ url: redisUrl, prefix: redisPrefix })
      : createMemoryPushes();
    opened.push(pushes);
    const limits = await openLimits(config, {
      enabled: options.rateLimits !== false,
      prefix: redisPrefix,
      logger,
    });
    opened.push(limits);
    let ticketDesk: TicketDesk | undefined;
    const stateTtlMs = config.STATE_TTL_DAYS * 24 * 3600 * 1000;
    const state = stores.namespace<ConversationState>("state");
    const csatOptOuts = stores.namespace<boolean>("csat-opt-out");
    const transcript = createKeyvTranscriptStore(stores.namespace<unknown>("transcript"), {
      ttlMs: stateTtlMs,
    });
    const metrics = createBotMetrics({ process: config.METRICS_PROCESS ?? `${hostname()}-${process.pid}` });
    const channels = createChannelRegistry({
      logger,
      dropUnknown: options.dropUnknownChannels ?? false,
      onSendFailed: (channel) => metrics.sendFailed(channel),
    });
    const defaultLocale = knowledge.current().kb.defaultLocale;
    const defaultLanguage = isSupportedLanguage(defaultLocale) ? defaultLocale : "en";
    // Sends outside customer turns need the stores, the lines and the channels, not the bot: the
    // services that send (tickets, hand-off) get it now, and the bot shares it.
    const proactive = createProactive({
      state,
      transcript,
      coordinator,
      deliver: channels.deliver,
      defaultLanguage,
      logger,
      stateTtlMs,
    });
    const { db, tickets } = await openTickets({
      config,
      knowledge,
      logger,
      customers: proactive,
      cap: limits.tickets,
      desk: () => ticketDesk,
      csatOptOut: createCsatOptOut(csatOptOuts),
    });
    opened.push(db);
    const unanswered = createUnansweredLog(stores.namespace<unknown>(UNANSWERED_NAMESPACE), {
      ttlMs: stateTtlMs,
    });
    const migrated = await migrateLegacyUnanswered(stores.namespace<unknown>("unanswered"), unanswered);
    if (migrated > 0)
      logger.info({ records: migrated }, "unanswered questions moved to the per-conversation log");
    const deskLines = stores.namespace<unknown>("desk-lines");
    const handoffIndex = stores.namespace<HandoffRecord>("handoffs");
    const pending = stores.namespace<unknown>("private-pending");
    const given = typeof options.desk === "function" ? options.desk({ stores }) : options.desk;
    const localDesk = given ? undefined : createLocalDesk({ lines: deskLines, ttlMs: stateTtlMs, pushes });
    if (localDesk) opened.push({ close: () => localDesk.close() });
    const desk: Desk = given ?? (localDesk as LocalDesk);
    const llm = createLlm(config, {
      cache: stores.namespace<unknown>("llm-cache"),
      usage: stores.namespace<unknown>("llm-usage"),
      logger,
    });
    const handoff = createHandoffService({
      customers: proactive,
      desk,
      transcript,
      index: handoffIndex,
      ttlMs: stateTtlMs,
      logger,
      leaseMs: config.HANDOFF_LEASE_MINUTES * 60_000,
      tickets: createHandoffTickets({ tickets, knowledge, deskLanguage: config.DESK_LANGUAGE, logger }),
      ...(options.onHandoffEvent ? { onEvent: options.onHandoffEvent } : {}),
      ...(llm ? { llm } : {}),
      ...(limits.handoffs ? { cap: limits.handoffs } : {}),
    });
    ticketDesk = createTicketDesk({
      handoff,
      timeZone: tickets.policy.config.timeZone,
      deskLanguage: config.DESK_LANGUAGE,
      logger,
    });
    const turnFacts = createTurnFactStore(db);
    const erasure = createErasure({
      userConversations: stores.namespace<unknown>("user-conversations"),
      ttlMs: stateTtlMs,
      state: state as Keyv<unknown>,
      transcript,
      unanswered,
      // Bot Framework conversation references hold the customer's account ids: erased with the conversation.
      byConversation: [handoffIndex as Keyv<unknown>, stores.namespace<unknown>(REFERENCES_NAMESPACE)],
      erasers: [
        ...(localDesk ? [localDesk.erase] : []),
        (conversation) => turnFacts.anonymiseConversation(conversation),
      ],
      byUserId: [pending],
      // "Stop asking me": a preference tied to the customer's account id, erased with the rest.
      byCustomer: [csatOptOuts as Keyv<unknown>],
      tickets: tickets.store,
      compaction: [stores, { compactAfterErasure: async () => db.compactAfterErasure?.() }],
      logger,
    });
    const builtIn = buildFeatures({
      config,
      knowledge,
      unanswered,
      handoff,
      tickets,
      erasure,
      stores,
      ...(llm ? { llm } : {}),
    });
    const features = options.features ? options.features(builtIn) : builtIn;
    const understander =
      options.understander ??
      createDefaultUnderstander({
        knowledge,
        features,
        logger,
        ...(config.INTENTS_PATH ? { operatorIntents: loadOperatorIntents(config.INTENTS_PATH) } : {}),
        ...(llm ? { llm } : {}),
      });
    const { gate, blocks } = createAbuseGate({
      config,
      limits,
      db,
      state,
      handoff,
      defaultLanguage,
      timeZone: tickets.policy.config.timeZone,
      logger,
    });
    metrics.watchOpenWork(
      {
        handoffs: async () => countHandoffs(await handoff.list()),
        tickets: () => countOpenTickets(db),
      },
      (error) => logger.warn({ err: error }, "metrics: open work could not be counted"),
    );
    const onTurn = options.onTurn;
    const bot = createBot({
      features,
      understander,
      state,
      transcript,
      coordinator,
      capabilitiesFor: channels.capabilitiesFor,
      deliver: channels.deliver,
      streams: channels.streams,
      defaultLanguage,
      logger,
      gate,
      openPrivate: async (channel, request) => channels.get(channel)?.openPrivateConversation?.(request),
      botName: config.BOT_NAME,
      idempotencyTtlMs: config.IDEMPOTENCY_TTL_SECONDS * 1000,
      stateTtlMs,
      proactive,
      onTurn(result) {
        metrics.countTurn(result);
        const fact = turnFactOf(result, Date.now());
        if (fact)
          turnFacts.record(fact).catch((error) => logger.warn({ err: error }, "insights: turn not recorded"));
        onTurn?.(result);
      },
    });
    timeHandle(bot, metrics);
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
      pushes,
      handoff,
      desk,
      localDesk,
      tickets,
      ticketDesk,
      ticketDb: db,
      insights: createInsightsService({ db, policy: tickets.policy }),
      blocks,
      erasure,
      features,
      metrics,
      async close() {
        await channels.stopAll();
        for (const resource of opened.reverse())
          await Promise.resolve(resource.close()).catch(() => undefined);
      },
    };
  } catch (error) {
    for (const resource of opened.reverse()) await Promise.resolve(resource.close()).catch(() => undefined);
    throw error;
  }
}
