import {
  createDiscordAdapter,
  type DiscordAdapter,
  type DiscordAdapterOptions,
} from "../../../../adapters/channels/discord/discord-adapter.ts";
import { type App, createApp } from "../../../../src/app/create-app.ts";
import type { BotPort } from "../../../../src/core/adapter.ts";
import { createLogger, createSilentLogger } from "../../../../src/core/logger.ts";
import type { TurnResult } from "../../../../src/core/turn-result.ts";
import type { Understander } from "../../../../src/core/understander.ts";
import type { InboundEventInput } from "../../../../src/model/events.ts";
import { testConfig } from "../../../helpers/bot-harness.ts";
import { createScriptUnderstander } from "../../../helpers/script-understander.ts";
import { type DiscordEmulator, startDiscordEmulator } from "./emulator/discord-emulator.ts";
import { BOT_TOKEN, IDS } from "./emulator/world.ts";

/** `DISCORD_TEST_LOG=debug npx vitest run test/adapters/channels/discord` shows the adapter's logs. */
const logger = () =>
  process.env.DISCORD_TEST_LOG ? createLogger({ level: process.env.DISCORD_TEST_LOG }) : createSilentLogger();

export interface DiscordHarness {
  emulator: DiscordEmulator;
  app: App;
  adapter: DiscordAdapter;
  /** Every neutral event the adapter handed to the core, and what the core did with it. */
  events: InboundEventInput[];
  /** Turns the core processed, by event id. */
  results: Map<string, TurnResult>;
  /** Event ids the core recognised as duplicate deliveries. */
  duplicates: string[];
  failures: { event: InboundEventInput; error: unknown }[];
  undeliverable: { conversation: string; reason: string }[];
  close(): Promise<void>;
}

/**
 * The whole stack on 127.0.0.1: the Discord emulator, the core from `createApp` (test config,
 * fixture KB) and the real adapter — discord.js connecting to the emulator through `apiUrl` alone.
 * Understanding is pinned (language by script, intents only where a test scripts them), so these
 * tests exercise the adapter, not the models.
 */
export async function startDiscordHarness(
  options: {
    config?: Record<string, string>;
    adapter?: Partial<DiscordAdapterOptions>;
    heartbeatIntervalMs?: number;
    messageContentApproved?: boolean;
    /** Default: language by script, no intents (see test/helpers/scripted-understander.ts). */
    understander?: Understander;
  } = {},
): Promise<DiscordHarness> {
  const emulator = await startDiscordEmulator({
    heartbeatIntervalMs: options.heartbeatIntervalMs ?? 250,
    ...(options.messageContentApproved === undefined
      ? {}
      : { messageContentApproved: options.messageContentApproved }),
  });
  const app = await createApp({
    config: testConfig(options.config),
    logger: createSilentLogger(),
    understander: options.understander ?? createScriptUnderstander(),
  });
  const adapter = createDiscordAdapter({
    token: BOT_TOKEN,
    apiUrl: emulator.apiUrl,
    logger: logger(),
    supportChannelIds: [IDS.support, IDS.helpForum],
    staffRoleId: IDS.staffRole,
    retry: { attempts: 3, baseDelayMs: 10 },
    ...options.adapter,
  });
  app.channels.register(adapter);
  const harness: DiscordHarness = {
    emulator,
    app,
    adapter,
    events: [],
    results: new Map(),
    duplicates: [],
    failures: [],
    undeliverable: [],
    async close() {
      await app.close();
      await emulator.close();
    },
  };
  const port: BotPort = {
    async handle(event) {
      harness.events.push(event);
      try {
        const result = await app.bot.handle(event);
        if (result.duplicate) harness.duplicates.push(event.id);
        else harness.results.set(event.id, result);
        return result;
      } catch (error) {
        harness.failures.push({ event, error });
        throw error;
      }
    },
    reportUndeliverable(conversation, reason) {
      harness.undeliverable.push({ conversation, reason });
      return app.bot.reportUndeliverable(conversation, reason);
    },
  };
  try {
    await adapter.start(port);
  } catch (error) {
    await harness.close();
    throw error;
  }
  return harness;
}
