import type { Server } from "node:http";
import { checkDeskAccess } from "../../../../adapters/desks/desk-web/desk-access.ts";
import { createInsightsWeb } from "../../../../adapters/desks/insights/insights-web.ts";
import { type App, createApp } from "../../../../src/app/create-app.ts";
import { httpHostOf } from "../../../../src/app/http-host.ts";
import { createSilentLogger } from "../../../../src/core/logger.ts";
import { createHttpApp } from "../../../../src/http/create-http-app.ts";
import { closeServer, listen } from "../../../../src/http/listen.ts";
import { createGapService } from "../../../../src/insights/gaps/gap-service.ts";
import { createInsightsService } from "../../../../src/insights/insights-service.ts";
import { createKbEditor } from "../../../../src/insights/kb-editor/kb-editor.ts";
import { createCaptureAdapter, testConfig } from "../../../helpers/bot-harness.ts";
import { makeSeed, type Seed, writeSeed } from "../../../insights/insights-seed.ts";

export interface InsightsBot {
  app: App;
  seed: Seed;
  server: Server;
  url: string;
  stop(): Promise<void>;
}

/**
 * An app with a seeded 30-day history and /insights served as start-local.ts serves it (desk access
 * rule). The clock of the insights is the seed's `now`, so the periods do not drift while the test runs.
 */
export async function startInsightsBot(
  options: { token?: string; kbFile?: string } = {},
): Promise<InsightsBot> {
  const app = await createApp({
    config: testConfig({
      PORT: "0",
      HOST: "127.0.0.1",
      ...(options.kbFile ? { KB_PATH: options.kbFile } : {}),
    }),
    logger: createSilentLogger(),
  });
  app.channels.register(createCaptureAdapter("test"));
  const seed = makeSeed(Date.now());
  await writeSeed(app.ticketDb, seed);
  const web = createInsightsWeb({
    insights: createInsightsService({ db: app.ticketDb, policy: app.tickets.policy, now: () => seed.now }),
    logger: app.logger,
    access: (request) => checkDeskAccess(request, options.token),
    kb: {
      gaps: createGapService({
        unanswered: app.unanswered,
        knowledge: app.knowledge,
        timeZone: app.tickets.policy.config.timeZone,
      }),
      knowledge: app.knowledge,
      editor: options.kbFile ? createKbEditor({ file: options.kbFile, knowledge: app.knowledge }) : undefined,
    },
  });
  const { server, port } = await listen(createHttpApp(httpHostOf(app), [web.http]), 0, "127.0.0.1");
  return {
    app,
    seed,
    server,
    url: `http://127.0.0.1:${port}/`,
    async stop() {
      await closeServer(server);
      await app.close();
    },
  };
}
