import type { Server } from "node:http";
import { checkDeskExposure } from "../../adapters/desk-web/desk-exposure.ts";
import { createDeskWeb } from "../../adapters/desk-web/desk-web.ts";
import { createDiscordAdapter } from "../../adapters/discord/discord-adapter.ts";
import { discordOptionsFromConfig } from "../../adapters/discord/discord-config.ts";
import { slackOptionsFromConfig } from "../../adapters/slack/slack-config.ts";
import { createSlackDesk, type SlackDesk } from "../../adapters/slack/slack-desk.ts";
import { createTelegramAdapter } from "../../adapters/telegram/telegram-adapter.ts";
import { telegramOptionsFromConfig } from "../../adapters/telegram/telegram-config.ts";
import { createWebAdapter } from "../../adapters/web/web-adapter.ts";
import { createLogger, type Logger } from "../core/logger.ts";
import { createHttpApp } from "../http/create-http-app.ts";
import { closeServer, listen } from "../http/listen.ts";
import { createUpgradeDispatcher } from "../http/upgrade-dispatcher.ts";
import type { KeyvFactory } from "../store/create-keyv.ts";
import { startBackgroundJobs } from "./background-jobs.ts";
import type { Config } from "./config.ts";
import { type App, type AppOptions, createApp } from "./create-app.ts";
import { httpHostOf } from "./http-host.ts";

export interface RunningBot {
  app: App;
  server: Server;
  port: number;
  url: string;
  stop(): Promise<void>;
}

/** The Slack desk when `SLACK_BOT_TOKEN` is set; its thread map lives in the app's stores. */
function createConfiguredSlackDesk(
  config: Config,
  logger: Logger,
  stores: () => KeyvFactory,
): SlackDesk | undefined {
  const slackOptions = slackOptionsFromConfig(config);
  if (!slackOptions) return undefined;
  return createSlackDesk({
    ...slackOptions,
    logger,
    threads: () => stores().namespace<string>("slack-desk"),
  });
}

/**
 * Starts the bot as `npm start` does: the core, the web chat, the agent desk (Slack when
 * configured, else the local desk page) and `/healthz` on `PORT`, and every platform adapter whose
 * credentials are configured.
 */
export async function startBot(
  config: Config,
  options: Omit<AppOptions, "config"> & { logger?: Logger } = {},
): Promise<RunningBot> {
  const logger = options.logger ?? createLogger({ level: config.LOG_LEVEL });
  let stores: KeyvFactory | undefined;
  const slackDesk = createConfiguredSlackDesk(config, logger, () => {
    if (!stores) throw new Error("the Slack desk was used before the app was created");
    return stores;
  });
  // The local desk serves when there is no Slack desk: refuse a configuration that opens it.
  const deskWarning = slackDesk
    ? undefined
    : checkDeskExposure({
        host: config.HOST,
        token: config.DESK_TOKEN,
        publishedUrls: config.TELEGRAM_WEBHOOK_URL ? [config.TELEGRAM_WEBHOOK_URL] : [],
      });
  if (deskWarning) logger.warn(deskWarning);
  const app = await createApp({ ...options, config, logger, ...(slackDesk ? { desk: slackDesk } : {}) });
  stores = app.stores;
  try {
    const web = createWebAdapter({ logger: app.logger, transcript: app.transcript });
    app.channels.register(web);
    const telegramOptions = telegramOptionsFromConfig(config);
    const telegram = telegramOptions
      ? createTelegramAdapter({ ...telegramOptions, logger: app.logger })
      : undefined;
    if (telegram) app.channels.register(telegram);
    const discordOptions = discordOptionsFromConfig(config);
    if (discordOptions)
      app.channels.register(createDiscordAdapter({ ...discordOptions, logger: app.logger }));
    for (const adapter of app.channels.all()) await adapter.start(app.bot);
    await slackDesk?.start(app.handoff, { blocks: app.blocks });
    const deskWeb = app.localDesk
      ? createDeskWeb({
          handoff: app.handoff,
          desk: app.localDesk,
          logger: app.logger,
          token: config.DESK_TOKEN,
          blocks: app.blocks,
        })
      : undefined;
    const http = createHttpApp(httpHostOf(app), [
      web.routes,
      ...(deskWeb ? [deskWeb.routes] : []),
      ...(slackDesk ? [slackDesk.routes] : []),
      ...(telegram?.routes ? [telegram.routes] : []),
    ]);
    // One upgrade listener for the server: each WebSocket endpoint by path, 404 for the rest.
    const upgrades = createUpgradeDispatcher({
      endpoints: [...web.sockets, ...(deskWeb?.sockets ?? [])],
      logger: app.logger,
    });
    const { server, port } = await listen(http, config.PORT, config.HOST, upgrades);
    if (config.KB_WATCH) app.knowledge.watch(app.logger);
    const jobs = startBackgroundJobs({
      tickets: app.tickets,
      handoff: app.handoff,
      ticketDesk: app.ticketDesk,
      logger: app.logger,
      autoCloseDays: config.TICKET_AUTO_CLOSE_DAYS,
    });
    const shownHost = config.HOST === "0.0.0.0" || config.HOST === "::" ? "localhost" : config.HOST;
    return {
      app,
      server,
      port,
      url: `http://${shownHost}:${port}/`,
      async stop() {
        await jobs.stop();
        // WebSockets keep the server open: stop the desks and the adapters first.
        await deskWeb?.stop();
        await slackDesk?.stop();
        for (const adapter of app.channels.all()) await adapter.stop().catch(() => undefined);
        await closeServer(server);
        await app.close();
      },
    };
  } catch (error) {
    await slackDesk?.stop().catch(() => undefined);
    await app.close();
    throw error;
  }
}
