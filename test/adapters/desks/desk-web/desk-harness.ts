import type { Server } from "node:http";
import { expect } from "vitest";
import { createWebAdapter } from "../../../../adapters/channels/web/web-adapter.ts";
import { createDeskWeb, type DeskWeb } from "../../../../adapters/desks/desk-web/desk-web.ts";
import { type App, createApp } from "../../../../src/app/create-app.ts";
import { httpHostOf } from "../../../../src/app/http-host.ts";
import type { Adapter } from "../../../../src/core/adapter.ts";
import { createSilentLogger } from "../../../../src/core/logger.ts";
import { createHttpApp, websocketsOf } from "../../../../src/http/create-http-app.ts";
import { closeServer, listen } from "../../../../src/http/listen.ts";
import { createUpgradeDispatcher } from "../../../../src/http/upgrade-dispatcher.ts";
import { testConfig } from "../../../helpers/bot-harness.ts";
import { openChatSocket, sessionToken } from "../../channels/web/web-client.ts";

/** A bot served like `npm start` (web chat + local desk) on an ephemeral port. */
export interface DeskBot {
  app: App;
  desk: DeskWeb;
  server: Server;
  /** `http://<host>:<port>/` */
  url: string;
  stop(): Promise<void>;
}

/** Starts the core, the web chat and the desk as start-local.ts wires them (until it does so itself). */
export async function startDeskBot(
  options: { token?: string; host?: string; adapters?: Adapter[] } = {},
): Promise<DeskBot> {
  const host = options.host ?? "127.0.0.1";
  const app = await createApp({
    config: testConfig({ PORT: "0", HOST: host }),
    logger: createSilentLogger(),
  });
  const localDesk = app.localDesk;
  if (!localDesk) throw new Error("the app has no local desk");
  const web = createWebAdapter({ logger: app.logger, transcript: app.transcript });
  app.channels.register(web);
  await web.start(app.bot);
  // Other channels (Telegram against its emulator) reach the same core, and the desk replies on them.
  for (const adapter of options.adapters ?? []) {
    app.channels.register(adapter);
    await adapter.start(app.bot);
  }
  const desk = createDeskWeb({
    handoff: app.handoff,
    desk: localDesk,
    logger: app.logger,
    token: options.token,
    blocks: app.blocks,
    tickets: app.tickets,
    transcript: app.transcript,
  });
  const { server, port } = await listen(
    createHttpApp(httpHostOf(app), [web.http, desk.http]),
    0,
    host,
    createUpgradeDispatcher({ endpoints: websocketsOf([web.http, desk.http]) }),
  );
  return {
    app,
    desk,
    server,
    url: `http://${host.includes(":") ? `[${host}]` : host}:${port}/`,
    async stop() {
      // Open WebSockets keep server.close() waiting: end them first.
      await desk.stop();
      await web.stop();
      await closeServer(server);
      await app.close();
    },
  };
}

let sessions = 0;

/** A web chat customer on the chat WebSocket: what they send, and every message pushed to them. */
export async function webCustomer(bot: DeskBot, session = sessionToken(`desktest${++sessions}`)) {
  const { socket, conversation } = await openChatSocket(bot.url, session);
  const received: string[] = [];
  socket.on("message", (data) => {
    const frame = JSON.parse(String(data)) as { type: string; message?: { text: string } };
    if (frame.type === "message" && frame.message) received.push(frame.message.text);
  });
  let seq = 0;
  return {
    conversation,
    received,
    /** Sends a message and waits for the bot's reply (or, while a person owns it, for the relay). */
    async say(text: string): Promise<void> {
      const before = (await bot.app.transcript.list(conversation)).length;
      socket.send(JSON.stringify({ type: "message", id: `${conversation}-${++seq}`, text }));
      await expect.poll(async () => (await bot.app.transcript.list(conversation)).length).toBe(before + 1);
    },
    close: () => socket.close(),
  };
}
