import { once } from "node:events";
import { createWebAdapter } from "../../../../adapters/channels/web/web-adapter.ts";
import { httpHostOf } from "../../../../src/app/http-host.ts";
import { createHttpApp, websocketsOf } from "../../../../src/http/create-http-app.ts";
import { closeServer, listen } from "../../../../src/http/listen.ts";
import { createUpgradeDispatcher } from "../../../../src/http/upgrade-dispatcher.ts";
import type { OutboundMessage } from "../../../../src/model/outbound.ts";
import { type ContractDriver, describeAdapterContract } from "../../contract/adapter-contract.ts";
import { contractLogger, createContractApp, plainText, trackTurns } from "../../contract/contract-helpers.ts";
import { conversationOf, openChatSocket, sessionToken } from "./web-client.ts";

const SESSION = sessionToken("contract");

/**
 * The web chat as a browser uses it: the bot's HTTP server on 127.0.0.1, one WebSocket per session
 * carrying the customer's frames in and every message the bot sends out.
 */
async function startWebDriver(): Promise<ContractDriver> {
  const app = await createContractApp();
  const adapter = createWebAdapter({ logger: contractLogger(), transcript: app.transcript });
  app.channels.register(adapter);
  const { server, port } = await listen(
    createHttpApp(httpHostOf(app), [adapter.http]),
    0,
    "127.0.0.1",
    createUpgradeDispatcher({ endpoints: websocketsOf([adapter.http]) }),
  );
  const tracker = trackTurns(app.bot);
  await adapter.start(tracker.port);

  const { socket } = await openChatSocket(`http://127.0.0.1:${port}/`, SESSION);
  const received: OutboundMessage[] = [];
  socket.on("message", (data) => {
    const frame = JSON.parse(String(data)) as { type: string; message?: OutboundMessage };
    if (frame.type === "message" && frame.message) received.push(frame.message);
  });

  let sequence = 0;
  let lastFrame: Record<string, unknown> | undefined;
  let lastReply: OutboundMessage | undefined;

  /** Frames the bot sent before a ping are in before its pong: TCP keeps them in order. */
  async function flush(): Promise<void> {
    const pong = once(socket, "pong");
    socket.ping();
    await pong;
  }

  async function receivedDuring(action: () => Promise<unknown>): Promise<string[]> {
    const from = received.length;
    await action();
    await flush();
    const messages = received.slice(from);
    if (messages.length > 0) lastReply = messages.at(-1);
    return messages.map((message) => plainText(message.text));
  }

  function send(frame: Record<string, unknown>): Promise<string[]> {
    lastFrame = frame;
    return receivedDuring(async () => {
      const done = tracker.expectTurn(`web ${JSON.stringify(frame)}`);
      socket.send(JSON.stringify(frame));
      await done();
    });
  }

  const actionButtons = () => (lastReply?.buttons ?? []).filter((button) => button.kind === "action");

  return {
    app,
    capabilities: adapter.capabilities,
    conversation: conversationOf(SESSION),
    say: (text) => send({ type: "message", id: `c-${++sequence}`, text }),
    choices: () => actionButtons().map((button) => button.label),
    press(label) {
      const button = actionButtons().find((candidate) => candidate.label === label);
      if (!button) throw new Error(`no button "${label}" in the last reply`);
      return send({
        type: "action",
        id: `c-${++sequence}`,
        action: button.action,
        ...(button.value === undefined ? {} : { value: button.value }),
      });
    },
    receive: receivedDuring,
    // A client that lost the connection resends the same frame with the same id.
    redeliver: () => send({ ...lastFrame }),
    health: () => adapter.health(),
    async stop() {
      socket.close();
      await once(socket, "close");
      await adapter.stop();
      await closeServer(server);
      await app.close();
    },
  };
}

describeAdapterContract("web", startWebDriver);
