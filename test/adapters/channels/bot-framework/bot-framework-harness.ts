import type { Server } from "node:http";
import {
  type BotFrameworkAdapter,
  createBotFrameworkAdapter,
} from "../../../../adapters/channels/bot-framework/bot-framework-adapter.ts";
import { REFERENCES_NAMESPACE } from "../../../../adapters/channels/bot-framework/conversation-references.ts";
import { MESSAGES_PATH } from "../../../../adapters/channels/bot-framework/messages-route.ts";
import type { App } from "../../../../src/app/create-app.ts";
import { closeServer, listen } from "../../../../src/http/listen.ts";
import {
  contractLogger,
  createContractApp,
  type TurnTracker,
  trackTurns,
} from "../../contract/contract-helpers.ts";
import {
  APP_ID,
  type ConnectorPeer,
  createLoginAuthority,
  startConnector,
  startTokenIssuer,
  type TokenIssuer,
} from "./bot-framework-peers.ts";

export const TENANT = "0f3c9a51-7d55-4c1e-9b1e-2a8e4f6d7c10";
export const BOT_ACCOUNT = { id: `28:${APP_ID}`, name: "Switchboard" };

/** The bot wired to a real core, its peers running: what a channel needs to talk to it. */
export interface BotFrameworkHarness {
  readonly app: App;
  readonly adapter: BotFrameworkAdapter;
  readonly issuer: TokenIssuer;
  readonly connector: ConnectorPeer;
  readonly tracker: TurnTracker;
  readonly messagesUrl: string;
  /** Posts `activity` as the channel does, with a valid token unless `authorization` says otherwise. */
  post(activity: Record<string, unknown>, authorization?: string | null): Promise<Response>;
  /** Posts `activity` and waits until the core has finished the turn it starts. */
  turn(label: string, activity: Record<string, unknown>): Promise<void>;
  /** Message activities the connector received (typing indicators left out), from index `from`. */
  messages(from?: number): Record<string, unknown>[];
  stop(): Promise<void>;
}

export async function startBotFrameworkHarness(
  options: { streamIntervalMs?: number } = {},
): Promise<BotFrameworkHarness> {
  const issuer = await startTokenIssuer();
  const login = await createLoginAuthority();
  const connector = await startConnector(login);
  const app = await createContractApp();
  const adapter = createBotFrameworkAdapter({
    credentials: { appId: APP_ID, appType: "SingleTenant", appPassword: "test-secret", tenantId: TENANT },
    endpoints: {
      ToBotFromChannelOpenIdMetadataUrl: issuer.metadataUrl,
      ToBotFromChannelTokenIssuer: issuer.issuer,
    },
    credentialsFactory: login.credentialsFactory,
    logger: contractLogger(),
    // The app's own store, as src/app wires it (erasure deletes from it).
    references: app.stores.namespace(REFERENCES_NAMESPACE),
    ...(options.streamIntervalMs === undefined ? {} : { streamIntervalMs: options.streamIntervalMs }),
  });
  app.channels.register(adapter);
  const tracker = trackTurns(app.bot);
  await adapter.start(tracker.port);
  const { server, port } = await listen(adapter.routes, 0, "127.0.0.1");
  const messagesUrl = `http://127.0.0.1:${port}${MESSAGES_PATH}`;

  async function post(activity: Record<string, unknown>, authorization?: string | null): Promise<Response> {
    const header =
      authorization === undefined
        ? `Bearer ${await issuer.channelToken(connector.serviceUrl)}`
        : authorization;
    return fetch(messagesUrl, {
      method: "POST",
      headers: { "content-type": "application/json", ...(header === null ? {} : { authorization: header }) },
      body: JSON.stringify(activity),
    });
  }

  return {
    app,
    adapter,
    issuer,
    connector,
    tracker,
    messagesUrl,
    post,
    async turn(label, activity) {
      const done = tracker.expectTurn(label);
      const response = await post(activity);
      if (response.status !== 200) throw new Error(`${label}: the bot answered ${response.status}`);
      await done();
    },
    messages: (from = 0) =>
      connector.calls
        .slice(from)
        .map((call) => call.activity)
        .filter((activity) => activity.type === "message"),
    async stop() {
      await adapter.stop();
      await app.close();
      await closeServer(server as Server);
      await connector.stop();
      await issuer.stop();
    },
  };
}

let sequence = 0;

/** A Teams activity from `user` in `conversation`, with everything a channel sends. */
export function teamsActivity(
  harness: Pick<BotFrameworkHarness, "connector">,
  fields: Record<string, unknown> & { conversation?: Record<string, unknown> },
): Record<string, unknown> {
  sequence++;
  return {
    type: "message",
    id: `1700000000${String(sequence).padStart(3, "0")}`,
    timestamp: new Date().toISOString(),
    channelId: "msteams",
    serviceUrl: harness.connector.serviceUrl,
    from: { id: "29:1mina", name: "Mina Kim", aadObjectId: "a1b2c3d4-0000-4000-8000-000000000001" },
    recipient: BOT_ACCOUNT,
    locale: "en-US",
    channelData: { tenant: { id: TENANT } },
    ...fields,
    conversation: {
      id: "a:1personal-mina",
      conversationType: "personal",
      tenantId: TENANT,
      ...fields.conversation,
    },
  };
}

interface SubmitAction {
  type: string;
  title: string;
  data?: unknown;
}

/** The Action.Submit buttons of an activity's Adaptive Card. */
export function submitActions(activity: Record<string, unknown> | undefined): SubmitAction[] {
  const attachments = (activity?.attachments ?? []) as {
    contentType: string;
    content: { actions?: SubmitAction[] };
  }[];
  return attachments
    .filter((attachment) => attachment.contentType === "application/vnd.microsoft.card.adaptive")
    .flatMap((attachment) => attachment.content.actions ?? [])
    .filter((action) => action.type === "Action.Submit");
}
