import { createDiscordAdapter } from "../../../../adapters/channels/discord/discord-adapter.ts";
import { type ContractDriver, describeAdapterContract } from "../../contract/adapter-contract.ts";
import { contractLogger, createContractApp, plainText, trackTurns } from "../../contract/contract-helpers.ts";
import { startDiscordEmulator } from "./emulator/discord-emulator.ts";
import type { StoredMessage } from "./emulator/payloads.ts";
import { BOT_TOKEN, IDS, USERS } from "./emulator/world.ts";

interface RenderedButton {
  label?: string;
  custom_id?: string;
}

/** Discord markdown as the reader sees it: links shown as `label (<url>)` read as their label. */
function fromDiscord(content: string): string {
  return plainText(
    content.replace(/ \(<https?:\/\/[^>\s]+>\)/g, "").replace(/<(https?:\/\/[^>\s]+)>/g, "$1"),
  );
}

/**
 * A DM with the bot through the real discord.js client connected to the local gateway + REST
 * emulator: the customer's messages are MESSAGE_CREATE dispatches, presses are INTERACTION_CREATE.
 */
async function startDiscordDriver(): Promise<ContractDriver> {
  const emulator = await startDiscordEmulator({ heartbeatIntervalMs: 250 });
  const app = await createContractApp();
  const adapter = createDiscordAdapter({
    token: BOT_TOKEN,
    apiUrl: emulator.apiUrl,
    logger: contractLogger(),
    supportChannelIds: [IDS.support, IDS.helpForum],
    staffRoleId: IDS.staffRole,
    retry: { attempts: 3, baseDelayMs: 10 },
  });
  app.channels.register(adapter);
  const tracker = trackTurns(app.bot);
  try {
    await adapter.start(tracker.port);
  } catch (error) {
    await app.close();
    await emulator.close();
    throw error;
  }
  const dm = emulator.state.openDm(IDS.alice);
  let lastInbound: StoredMessage | undefined;
  let lastReply: StoredMessage | undefined;

  async function receivedDuring(action: () => Promise<unknown>): Promise<string[]> {
    const known = new Set(emulator.botMessages(dm.id).map((message) => message.id));
    await action();
    const messages = emulator.botMessages(dm.id).filter((message) => !known.has(message.id));
    if (messages.length > 0) lastReply = messages.at(-1);
    return messages.map((message) => fromDiscord(message.content));
  }

  function turn(label: string, deliver: () => void): Promise<string[]> {
    return receivedDuring(async () => {
      const done = tracker.expectTurn(label);
      deliver();
      await done();
    });
  }

  const buttons = (): RenderedButton[] =>
    ((lastReply?.components ?? []) as { components?: RenderedButton[] }[])
      .flatMap((row) => row.components ?? [])
      .filter((button) => button.custom_id !== undefined);

  return {
    app,
    capabilities: adapter.capabilities,
    conversation: `discord:${dm.id}`,
    say: (text) =>
      turn(`discord "${text}"`, () => {
        lastInbound = emulator.userMessage({ channelId: dm.id, content: text, author: USERS.alice });
      }),
    choices: () => buttons().map((button) => button.label ?? ""),
    press(label) {
      const button = buttons().find((candidate) => candidate.label === label);
      const message = lastReply;
      if (!button?.custom_id || !message) throw new Error(`no button "${label}" in the last reply`);
      return turn(`discord press "${label}"`, () =>
        emulator.pressButton({ message, customId: button.custom_id ?? "", user: USERS.alice }),
      );
    },
    receive: receivedDuring,
    // Discord replays dispatches after a RESUME; the same MESSAGE_CREATE arrives again.
    redeliver() {
      const message = lastInbound;
      if (!message) throw new Error("nothing was sent yet");
      return turn("discord redelivery", () => emulator.gateway.dispatch("MESSAGE_CREATE", message));
    },
    health: () => adapter.health(),
    async stop() {
      await adapter.stop();
      await app.close();
      await emulator.close();
    },
  };
}

describeAdapterContract("discord", startDiscordDriver);
