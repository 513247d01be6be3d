import { setMaxListeners } from "node:events";
import type { Hono } from "hono";
import { Telegraf } from "telegraf";
import type { Update, UserFromGetMe } from "telegraf/types";
import { z } from "zod";
import type { Adapter, BotPort, ChannelHealth } from "../../../src/core/adapter.ts";
import type { Logger } from "../../../src/core/logger.ts";
import { type Address, encodeAddress } from "../../../src/model/address.ts";
import type { Capabilities } from "../../../src/model/capabilities.ts";
import { ConfigError, NetworkError, PlatformError } from "../../../src/model/errors.ts";
import type { OutboundMessage } from "../../../src/model/outbound.ts";
import { registerCommands } from "./bot-commands.ts";
import { createCallbackCodec } from "./callback-codec.ts";
import { ALLOWED_UPDATES, type Poller, type PollingOptions, startPolling } from "./polling.ts";
import { htmlToPlain, TELEGRAM_MAX_MESSAGE_LENGTH } from "./render-html.ts";
import { type CallApi, createSender, DEFAULT_RETRY_POLICY, type RetryPolicy } from "./send-with-retry.ts";
import { chatOf, isNotModified, messagePayloads, openTelegramStream } from "./telegram-stream.ts";
import type { BotIdentity } from "./translate-update.ts";
import { createUpdateHandler, type UpdateHandler } from "./update-handler.ts";
import type { TelegramUpdate } from "./update-schema.ts";
import { createWebhookRoute } from "./webhook-route.ts";

export const TELEGRAM_CAPABILITIES: Capabilities = {
  buttons: true,
  linkButtons: true,
  threads: false,
  edits: true,
  markdown: true,
  maxMessageLength: TELEGRAM_MAX_MESSAGE_LENGTH,
};

export interface TelegramAdapterOptions {
  /** The bot token from @BotFather. */
  token: string;
  /** Bot API server; defaults to https://api.telegram.org (tests point it at an emulator). */
  apiRoot?: string;
  /** Receive updates by webhook at this URL (served on the bot's PORT via `routes`) instead of polling. */
  webhook?: { url: string; secret: string };
  logger: Logger;
  polling?: PollingOptions;
  retry?: Partial<RetryPolicy>;
  /** How often "typing…" is renewed while the core works (Telegram shows it for 5 s). */
  typingIntervalMs?: number;
  /** Long button payloads remembered for callback_data (an LRU). */
  callbackCacheSize?: number;
  /** Least time between two edits of a streamed reply (default 700 ms: about Telegram's pace). */
  streamIntervalMs?: number;
}

/** The Telegram adapter; `routes` (the webhook receiver) is present in webhook mode only. */
export interface TelegramAdapter extends Adapter {
  readonly routes?: Hono;
}

const getMeSchema = z.object({ id: z.number().int(), username: z.string().min(1) });

/**
 * Customers on Telegram, through telegraf: long polling by default, a webhook when
 * `options.webhook` is set; private chats fully, groups when the bot is mentioned, replied to or
 * given a command. Replies are rendered as HTML with inline keyboards; sends retry 429s in order,
 * report blocked chats to the core and raise {@link PlatformError} / {@link NetworkError} otherwise.
 * @see https://core.telegram.org/bots/api
 */
export function createTelegramAdapter(options: TelegramAdapterOptions): TelegramAdapter {
  const log = options.logger.child({ component: "telegram" });
  const apiRoot = options.apiRoot ?? "https://api.telegram.org";
  const telegraf = new Telegraf(options.token, {
    telegram: { apiRoot, webhookReply: false },
    handlerTimeout: 300_000,
  });
  const callApi: CallApi = (method, payload, signal) =>
    telegraf.telegram.callApi(method as "getMe", payload as never, { signal: signal as never });
  const stopping = new AbortController();
  // Every in-flight request listens for stop; dozens at once are normal, not a leak.
  setMaxListeners(0, stopping.signal);
  const sender = createSender({
    callApi,
    policy: { ...DEFAULT_RETRY_POLICY, ...options.retry },
    logger: log,
    stop: stopping.signal,
  });
  const codec = createCallbackCodec({ capacity: options.callbackCacheSize ?? 10_000 });
  const inflight = new Set<Promise<void>>();
  let health: ChannelHealth = { status: "starting" };
  let sendProblem: string | undefined;
  let port: BotPort | undefined;
  let me: BotIdentity | undefined;
  let handler: UpdateHandler | undefined;
  let poller: Poller | undefined;

  telegraf.on("message", (ctx) => handler?.message(ctx.update.update_id, ctx.message, ctx.update));
  telegraf.on("callback_query", (ctx) =>
    handler?.callbackQuery(ctx.update.update_id, ctx.callbackQuery, ctx.update),
  );
  telegraf.catch((error, ctx) =>
    log.error({ err: error, update: ctx.update.update_id }, "Telegram update failed"),
  );

  function dispatch(update: TelegramUpdate): Promise<void> {
    return telegraf.handleUpdate(update as unknown as Update).catch((error: unknown) => {
      log.error({ err: error, update: update.update_id }, "Telegram update failed");
    });
  }

  const routes = options.webhook
    ? createWebhookRoute({
        path: new URL(options.webhook.url).pathname,
        secret: options.webhook.secret,
        isReady: () => handler !== undefined,
        onUpdate(update) {
          const work = dispatch(update);
          inflight.add(work);
          void work.finally(() => inflight.delete(work));
        },
        logger: log,
      })
    : undefined;

  /** @see https://core.telegram.org/bots/api#getme */
  async function identify(): Promise<BotIdentity> {
    let result: unknown;
    try {
      result = await sender.call("getMe", "getMe", {});
    } catch (error) {
      if (error instanceof PlatformError && (error.status === 401 || error.status === 404))
        throw new ConfigError(
          `TELEGRAM_BOT_TOKEN is invalid: Telegram rejected it (${error.status}). Get one from @BotFather (/newbot, or /token for an existing bot) and set TELEGRAM_BOT_TOKEN.`,
        );
      if (error instanceof NetworkError)
        throw new NetworkError(
          `Could not reach the Telegram Bot API at ${apiRoot}: ${error.message}. Check the network, or TELEGRAM_API_ROOT if you set it.`,
          { cause: error },
        );
      throw error;
    }
    const bot = getMeSchema.parse(result);
    // handleUpdate would otherwise call getMe itself; the emulator's answer lacks some fields.
    telegraf.botInfo = result as UserFromGetMe;
    return { id: bot.id, username: bot.username };
  }

  /** @see https://core.telegram.org/bots/api#setwebhook */
  async function setWebhook(webhook: { url: string; secret: string }): Promise<void> {
    try {
      await sender.call("setWebhook", "setWebhook", {
        url: webhook.url,
        secret_token: webhook.secret,
        allowed_updates: ALLOWED_UPDATES,
      });
    } catch (error) {
      if (error instanceof PlatformError)
        throw new ConfigError(
          `TELEGRAM_WEBHOOK_URL was refused by Telegram: ${error.message}. It must be a public https:// URL (port 443, 80, 88 or 8443) that reaches this bot's PORT.`,
        );
      throw error;
    }
  }

  /**
   * One `sendMessage` or `editMessageText` in the chat's queue, with retries. Resolves with
   * Telegram's result, or `undefined` when the chat refuses the bot for good (reported to the core).
   */
  async function deliverPart(
    address: Address,
    method: "sendMessage" | "editMessageText",
    payload: Record<string, unknown>,
  ): Promise<unknown> {
    const conversation = encodeAddress(address);
    try {
      const result = await sender.call(String(payload.chat_id), method, payload);
      sendProblem = undefined;
      return result;
    } catch (error) {
      if (method === "editMessageText" && isNotModified(error)) return true;
      if (
        error instanceof PlatformError &&
        error.status === 400 &&
        /can't parse entities/i.test(error.message) &&
        payload.parse_mode !== undefined
      ) {
        log.warn({ conversation, err: error.message }, "Telegram refused the HTML; sending as plain text");
        const { parse_mode: _, ...plain } = payload;
        return deliverPart(address, method, { ...plain, text: htmlToPlain(String(payload.text)) });
      }
      if (error instanceof PlatformError && error.status === 403) {
        log.warn(
          { conversation, err: error.message },
          "Telegram refuses delivery; conversation reported undeliverable",
        );
        // Not awaited: the core records this under the conversation's lock, which the turn sending
        // this very message still holds; it runs right after the turn.
        void port?.reportUndeliverable(conversation, error.message).catch((failure: unknown) => {
          log.error({ err: failure, conversation }, "could not record the conversation as undeliverable");
        });
        return undefined;
      }
      if (error instanceof NetworkError) sendProblem = `sending failed: ${error.message}`;
      const code = error instanceof PlatformError || error instanceof NetworkError ? error.code : undefined;
      log.error(
        { conversation, code, err: error instanceof Error ? error.message : error },
        "Telegram message not delivered",
      );
      throw error;
    }
  }

  return {
    channel: "telegram",
    capabilities: TELEGRAM_CAPABILITIES,
    ...(routes ? { routes, http: { routes: [routes] } } : {}),

    async start(bot) {
      port = bot;
      me = await identify();
      handler = createUpdateHandler({
        bot,
        me,
        codec,
        sender,
        logger: log,
        typingIntervalMs: options.typingIntervalMs ?? 4_500,
      });
      await registerCommands((method, payload) => sender.once(method, payload), log);
      if (options.webhook) {
        await setWebhook(options.webhook);
        health = { status: "up", detail: `webhook set to ${options.webhook.url}` };
        log.info({ bot: me.username, webhook: options.webhook.url }, "Telegram adapter started (webhook)");
        return;
      }
      // getUpdates refuses to work while a webhook is set (409).
      await sender.call("deleteWebhook", "deleteWebhook", { drop_pending_updates: false });
      health = { status: "starting", detail: "long polling" };
      poller = startPolling({
        callApi,
        onUpdates: async (updates) => {
          await Promise.all(updates.map(dispatch));
        },
        onHealth: (next) => {
          health = next;
        },
        logger: log,
        ...(options.polling ? { polling: options.polling } : {}),
      });
      log.info({ bot: me.username }, "Telegram adapter started (long polling)");
    },

    async send({ address }, message: OutboundMessage) {
      const chat = chatOf(address);
      for (const payload of messagePayloads(message.text, message.buttons ?? [], codec)) {
        if ((await deliverPart(address, "sendMessage", { ...chat, ...payload })) === undefined) return;
      }
    },

    openStream: ({ address }, initial) =>
      openTelegramStream(chatOf(address), initial, {
        deliver: (method, payload) => deliverPart(address, method, payload),
        attempt: (method, payload) => sender.once(method, payload),
        codec,
        intervalMs: options.streamIntervalMs ?? 700,
        logger: log,
      }),

    async stop() {
      await poller?.stop();
      await Promise.allSettled([...inflight]);
      stopping.abort();
      health = { status: "down", detail: "stopped" };
    },

    health() {
      return sendProblem && health.status === "up" ? { status: "degraded", detail: sendProblem } : health;
    },

    /** @see https://core.telegram.org/bots/features#deep-linking */
    async openPrivateConversation({ token }) {
      if (!me)
        throw new Error("The Telegram adapter is not started: call start() before opening private chats.");
      if (!/^[A-Za-z0-9_-]{1,64}$/.test(token))
        throw new Error(
          `Deep-link token "${token}" cannot travel through Telegram: use 1–64 of A–Z, a–z, 0–9, _ or -.`,
        );
      return { link: `https://t.me/${me.username}?start=${token}` };
    },
  };
}
