import type { Server } from "node:http";
import { createDeskWeb } from "../../adapters/desk-web/desk-web.ts";
import { createTelegramAdapter } from "../../adapters/telegram/telegram-adapter.ts";
import { telegramOptionsFromConfig } from "../../adapters/telegram/telegram-config.ts";
import { createWebAdapter } from "../../adapters/web/web-adapter.ts";
import type { Logger } from "../core/logger.ts";
import { createHttpApp } from "../http/create-http-app.ts";
import { closeServer, listen } from "../http/listen.ts";
import { startBackgroundJobs } from "./background-jobs.ts";
import type { Config } from "./config.ts";
import { type App, type AppOptions, createApp } from "./create-app.ts";

export interface RunningBot {
  app: App;
  server: Server;
  port: number;
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts the bot as `npm start` does: the core, the web chat and `/healthz` on `PORT`, and every
 * platform adapter whose credentials are configured.
 */
export async function startBot(
  config: Config,
  options: Omit<AppOptions, "config"> & { logger?: Logger } = {},
): Promise<RunningBot> {
  const app = await createApp({ ...options, config });
  try {
    const web = createWebAdapter({ logger: app.logger, transcript: app.transcript });
    app.channels.register(web);
    const telegramOptions = telegramOptionsFromConfig(config);
    const telegram = telegramOptions
      ? createTelegramAdapter({ ...telegramOptions, logger: app.logger })
      : undefined;
    if (telegram) app.channels.register(telegram);
    for (const adapter of app.channels.all()) await adapter.start(app.bot);
    const desk = app.localDesk
      ? createDeskWeb({
          handoff: app.handoff,
          desk: app.localDesk,
          logger: app.logger,
          token: config.DESK_TOKEN,
        })
      : undefined;
    const http = createHttpApp(app, [
      web.routes,
      ...(desk ? [desk.routes] : []),
      ...(telegram?.routes ? [telegram.routes] : []),
    ]);
    const { server, port } = await listen(http, config.PORT, config.HOST);
    web.attach(server);
    desk?.attach(server);
    if (config.KB_WATCH) app.knowledge.watch(app.logger);
    const jobs = startBackgroundJobs({
      tickets: app.tickets,
      handoff: app.handoff,
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
        // WebSockets keep the server open: stop the desk and the adapters first.
        await desk?.stop();
        for (const adapter of app.channels.all()) await adapter.stop().catch(() => undefined);
        await closeServer(server);
        await app.close();
      },
    };
  } catch (error) {
    await app.close();
    throw error;
  }
}
