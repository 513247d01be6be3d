import type { Server } from "node:http";
import { createWebAdapter } from "../../adapters/web/web-adapter.ts";
import type { Config } from "../core/config.ts";
import type { Logger } from "../core/logger.ts";
import { createHttpApp } from "../http/create-http-app.ts";
import { closeServer, listen } from "../http/listen.ts";
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
    for (const adapter of app.channels.all()) await adapter.start(app.bot);
    const http = createHttpApp(app, [web.routes]);
    const { server, port } = await listen(http, config.PORT, config.HOST);
    web.attach(server);
    if (config.KB_WATCH) app.knowledge.watch(app.logger);
    const shownHost = config.HOST === "0.0.0.0" || config.HOST === "::" ? "localhost" : config.HOST;
    return {
      app,
      server,
      port,
      url: `http://${shownHost}:${port}/`,
      async stop() {
        await closeServer(server);
        await app.close();
      },
    };
  } catch (error) {
    await app.close();
    throw error;
  }
}
