import { createTelegramAdapter } from "../../../../adapters/channels/telegram/telegram-adapter.ts";
import { freePort, TelegramServer } from "../../../helpers/telegram-emulator.ts";
import { type ContractDriver, describeAdapterContract } from "../../contract/adapter-contract.ts";
import { contractLogger, createContractApp, plainText, trackTurns } from "../../contract/contract-helpers.ts";
import { TEST_TOKEN } from "./fake-bot-api.ts";

// The package's CommonJS export is the class itself; its typings describe it as `default`.

const CHAT_ID = 7373;

interface InlineButton {
  text: string;
  callback_data?: string;
  url?: string;
}
interface SentMessage {
  messageId: number;
  message: { chat_id: number | string; text: string; reply_markup?: { inline_keyboard?: InlineButton[][] } };
}

/** Telegram HTML as the reader sees it: links as their label, tags dropped, entities decoded. */
function fromHtml(html: string): string {
  return plainText(
    html
      .replace(/<a href="[^"]*">([\s\S]*?)<\/a>/g, "$1")
      .replace(/<[^>]+>/g, "")
      .replaceAll("&lt;", "<")
      .replaceAll("&gt;", ">")
      .replaceAll("&quot;", '"')
      .replaceAll("&#39;", "'")
      .replaceAll("&amp;", "&"),
  );
}

/**
 * A private chat through telegram-test-api (a Bot API emulator on 127.0.0.1) and the real
 * telegraf-based adapter, long polling it.
 */
async function startTelegramDriver(): Promise<ContractDriver> {
  const server = new TelegramServer({ port: await freePort(), host: "127.0.0.1", storeTimeout: 60 });
  await server.start();
  const client = server.getClient(TEST_TOKEN, { chatId: CHAT_ID, userId: CHAT_ID });
  const app = await createContractApp();
  const adapter = createTelegramAdapter({
    token: TEST_TOKEN,
    apiRoot: server.config.apiURL,
    logger: contractLogger(),
    polling: { timeoutSeconds: 0, idleDelayMs: 15 },
  });
  app.channels.register(adapter);
  const tracker = trackTurns(app.bot);
  await adapter.start(tracker.port);

  // What the bot sent to this chat, in order (edits change entries in place).
  const sent = () =>
    (server.storage.botMessages as unknown as SentMessage[]).filter(
      (entry) => String(entry.message.chat_id) === String(CHAT_ID),
    );
  let lastReply: SentMessage | undefined;

  async function receivedDuring(action: () => Promise<unknown>): Promise<string[]> {
    const from = sent().length;
    await action();
    const messages = sent().slice(from);
    if (messages.length > 0) lastReply = messages.at(-1);
    return messages.map((entry) => fromHtml(entry.message.text));
  }

  function turn(label: string, deliver: () => Promise<unknown>): Promise<string[]> {
    return receivedDuring(async () => {
      const done = tracker.expectTurn(label);
      await deliver();
      await done();
    });
  }

  const callbackButtons = () =>
    (lastReply?.message.reply_markup?.inline_keyboard ?? [])
      .flat()
      .filter((button) => button.callback_data !== undefined);

  return {
    app,
    capabilities: adapter.capabilities,
    conversation: `telegram:${CHAT_ID}`,
    say: (text) => turn(`telegram "${text}"`, () => client.sendMessage(client.makeMessage(text))),
    choices: () => callbackButtons().map((button) => button.text),
    press(label) {
      const button = callbackButtons().find((candidate) => candidate.text === label);
      if (!button?.callback_data || !lastReply) throw new Error(`no button "${label}" in the last reply`);
      const query = client.makeCallbackQuery(button.callback_data, {
        message: { message_id: lastReply.messageId },
      });
      return turn(`telegram press "${label}"`, () => client.sendCallback(query));
    },
    receive: receivedDuring,
    // Telegram hands an update out again until the bot confirms it (a crash mid-batch, a lost
    // getUpdates response): the emulator's way is to mark the stored update unread.
    redeliver() {
      const update = server.storage.userMessages.at(-1);
      if (!update) throw new Error("nothing was sent yet");
      return turn("telegram redelivery", async () => {
        update.isRead = false;
      });
    },
    health: () => adapter.health(),
    async stop() {
      await adapter.stop();
      await app.close();
      await server.stop();
    },
  };
}

describeAdapterContract("telegram", startTelegramDriver);
