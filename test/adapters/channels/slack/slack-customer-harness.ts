import type { Server } from "node:http";
import {
  createSlackCustomerAdapter,
  type SlackCustomerAdapter,
} from "../../../../adapters/channels/slack/slack-customer-adapter.ts";
import { createSlackDesk, type SlackDesk } from "../../../../adapters/desks/slack/slack-desk.ts";
import { type App, createApp } from "../../../../src/app/create-app.ts";
import { httpHostOf } from "../../../../src/app/http-host.ts";
import { createHttpApp } from "../../../../src/http/create-http-app.ts";
import { closeServer, listen } from "../../../../src/http/listen.ts";
import { testConfig } from "../../../helpers/bot-harness.ts";
import { createScriptUnderstander } from "../../../helpers/script-understander.ts";
import { contractLogger, type TurnTracker, trackTurns } from "../../contract/contract-helpers.ts";
import { type FakeSlackApi, startFakeSlackApi } from "../../desks/slack/fake-slack-api.ts";
import { DESK_CHANNEL, SIGNING_SECRET } from "../../desks/slack/slack-harness.ts";

export const SUPPORT_CHANNEL = "CSUPPORT01";

/** The contract's core (understanding by script) with the Slack desk and the customer channel on one Bolt app. */
export interface SlackCustomerHarness {
  app: App;
  desk: SlackDesk;
  adapter: SlackCustomerAdapter;
  api: FakeSlackApi;
  tracker: TurnTracker;
  eventsUrl: string;
  close(): Promise<void>;
}

export async function startSlackCustomerHarness(): Promise<SlackCustomerHarness> {
  const api = await startFakeSlackApi();
  const logger = contractLogger();
  const adapter = createSlackCustomerAdapter({
    supportChannels: [SUPPORT_CHANNEL],
    deskChannels: [DESK_CHANNEL],
    logger,
    streamIntervalMs: 10,
  });
  let app: App | undefined;
  const desk = createSlackDesk({
    token: "xoxb-test-token",
    signingSecret: SIGNING_SECRET,
    apiUrl: api.url,
    defaultChannel: DESK_CHANNEL,
    threads: () => {
      if (!app) throw new Error("the app is not created yet");
      return app.stores.namespace<string>("slack-desk");
    },
    logger,
    retry: { retries: 1, minTimeoutMs: 10, maxTimeoutMs: 20 },
    timeoutMs: 2_000,
    processBeforeResponse: true,
    customers: adapter,
  });
  app = await createApp({ config: testConfig(), logger, desk, understander: createScriptUnderstander() });
  const created = app;
  created.channels.register(adapter);
  const tracker = trackTurns(created.bot);
  await adapter.start(tracker.port);
  await desk.start(created.handoff, { blocks: created.blocks });
  const { server, port } = await listen(createHttpApp(httpHostOf(created), [desk.http]), 0, "127.0.0.1");
  return {
    app: created,
    desk,
    adapter,
    api,
    tracker,
    eventsUrl: `http://127.0.0.1:${port}/slack/events`,
    async close() {
      await adapter.stop();
      await closeServer(server as Server);
      await desk.stop();
      await created.close();
      await api.close();
    },
  };
}
