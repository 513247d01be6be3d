import { CloudAdapter, type ConversationReference, INVOKE_RESPONSE_KEY, TurnContext } from "botbuilder";
import type { Hono } from "hono";
import {
  type Adapter,
  type BotPort,
  type ChannelHealth,
  createThrottledStream,
  type MessageStream,
} from "../../../src/core/adapter.ts";
import type { Logger } from "../../../src/core/logger.ts";
import { encodeAddress } from "../../../src/model/address.ts";
import type { Capabilities } from "../../../src/model/capabilities.ts";
import { NetworkError, PlatformError } from "../../../src/model/errors.ts";
import type { OutboundMessage } from "../../../src/model/outbound.ts";
import { inboundActivitySchema } from "./activity-schema.ts";
import {
  type BotFrameworkEndpoints,
  type CredentialsFactory,
  createBotFrameworkAuthentication,
  PUBLIC_CLOUD,
} from "./bot-framework-auth.ts";
import type { BotFrameworkCredentials } from "./bot-framework-config.ts";
import { featuresOf } from "./channel-features.ts";
import { connectorError } from "./connector-errors.ts";
import {
  conversationReferenceSchema,
  createMemoryReferences,
  loadReference,
  type ReferenceStore,
  type StoredReference,
} from "./conversation-references.ts";
import { createMessagesRoute, MESSAGES_PATH } from "./messages-route.ts";
import { type MemberAccount, openTeamsPersonalChat } from "./private-chat.ts";
import { renderActivity } from "./render-activity.ts";
import { addressOf, BOT_FRAMEWORK_CHANNEL, translateActivity } from "./translate-activity.ts";

/**
 * What the core may rely on for every Bot Framework channel. Buttons work everywhere (Adaptive
 * Card or hero card); edits are declared because Teams has them, and on channels without
 * `updateActivity` a streamed answer is sent once, complete (see `openStream`). Teams takes about
 * 28 KB of text per message; 4,000 characters keeps replies readable everywhere.
 */
export const BOT_FRAMEWORK_CAPABILITIES: Capabilities = {
  buttons: true,
  linkButtons: true,
  threads: false,
  edits: true,
  markdown: true,
  maxMessageLength: 4_000,
};

export interface BotFrameworkAdapterOptions {
  credentials: BotFrameworkCredentials;
  /** Security endpoints other than Azure public cloud's (a sovereign cloud; tests). */
  endpoints?: Partial<BotFrameworkEndpoints>;
  /** Signs the bot's calls to the connector; default: botbuilder's, from `credentials`. */
  credentialsFactory?: CredentialsFactory;
  /** Where conversation references are kept for proactive messages; default: memory. */
  references?: ReferenceStore;
  logger: Logger;
  /** Least time between two edits of a streamed reply on Teams (default 1,000 ms). */
  streamIntervalMs?: number;
}

export interface BotFrameworkAdapter extends Adapter {
  readonly routes: Hono;
}

/**
 * botbuilder's typings require fields (an account's `name`) that channels do not always send; the
 * reference was validated by {@link conversationReferenceSchema} when it was stored.
 */
function asBotbuilderReference(reference: StoredReference): Partial<ConversationReference> {
  return reference as unknown as Partial<ConversationReference>;
}

/**
 * Customers on Microsoft Teams, Web Chat and Direct Line through the Bot Framework, on botbuilder's
 * `CloudAdapter`: activities arrive authenticated at `POST /api/messages`, become neutral events,
 * and replies go back through the channel's connector (`serviceUrl`) with the bot's credentials,
 * retried on 429/5xx by botbuilder's client; 403/404 mark the conversation undeliverable.
 * @see https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-api-reference
 */
export function createBotFrameworkAdapter(options: BotFrameworkAdapterOptions): BotFrameworkAdapter {
  const log = options.logger.child({ component: "bot-framework" });
  const appId = options.credentials.appId;
  const authentication = createBotFrameworkAuthentication({
    credentials: options.credentials,
    ...(options.endpoints ? { endpoints: options.endpoints } : {}),
    ...(options.credentialsFactory ? { credentialsFactory: options.credentialsFactory } : {}),
  });
  const cloud = new CloudAdapter(authentication);
  const references = options.references ?? createMemoryReferences();
  const inflight = new Set<Promise<unknown>>();
  // Members' channel accounts by Switchboard user id, to open a personal chat with one of them.
  const accounts = new Map<string, MemberAccount>();
  let port: BotPort | undefined;
  let health: ChannelHealth = { status: "starting" };
  let sendProblem: string | undefined;

  /**
   * One connector call in a proactive turn for `reference`. botbuilder's client retries 429/5xx
   * itself (see {@link connectorError}); a failure here is final.
   */
  async function connector<T>(
    reference: StoredReference,
    label: string,
    call: (context: TurnContext) => Promise<T>,
  ): Promise<T> {
    let result: T | undefined;
    try {
      await cloud.continueConversationAsync(appId, asBotbuilderReference(reference), async (context) => {
        // botbuilder addresses a proactive send as a reply to the made-up id of its continuation
        // activity; the Connector API's own call for "a new message here" is sendToConversation.
        context.onSendActivities(async (_context, activities, next) => {
          for (const activity of activities) delete activity.replyToId;
          return next();
        });
        result = await call(context);
      });
    } catch (error) {
      throw connectorError(label, error);
    }
    return result as T;
  }

  /**
   * A connector call for `conversation`; resolves `undefined` when the channel refuses it for good
   * (the bot was removed or blocked: 403/404), which the core records.
   */
  async function deliver<T>(
    conversation: string,
    reference: StoredReference,
    label: string,
    call: (context: TurnContext) => Promise<T>,
  ): Promise<T | undefined> {
    try {
      const result = await connector(reference, label, call);
      sendProblem = undefined;
      return result;
    } catch (error) {
      if (error instanceof PlatformError && (error.status === 403 || error.status === 404)) {
        log.warn(
          { conversation, err: error.message },
          "the channel refuses delivery; conversation reported undeliverable",
        );
        // Not awaited: the core records it under the conversation's lock, which the turn sending
        // this message may still hold.
        void port?.reportUndeliverable(conversation, error.message).catch((failure: unknown) => {
          log.error({ err: failure, conversation }, "could not record the conversation as undeliverable");
        });
        return undefined;
      }
      if (error instanceof NetworkError) sendProblem = `sending failed: ${error.message}`;
      log.error(
        { conversation, err: error instanceof Error ? error.message : error },
        "Bot Framework message not delivered",
      );
      throw error;
    }
  }

  async function referenceFor(conversation: string): Promise<StoredReference> {
    const reference = await loadReference(references, conversation);
    if (!reference)
      throw new PlatformError(
        `No Bot Framework conversation reference for ${conversation}: the bot can only write where a user wrote to it first (or installed it).`,
      );
    return reference;
  }

  async function sendMessage(conversation: string, message: OutboundMessage): Promise<string | undefined> {
    const reference = await referenceFor(conversation);
    const activity = renderActivity(message, featuresOf(reference.channelId));
    const sent = await deliver(conversation, reference, "sendActivity", (context) =>
      context.sendActivity(activity),
    );
    return sent?.id;
  }

  function typing(conversation: string, reference: StoredReference): void {
    const work = connector(reference, "typing", (context) => context.sendActivity({ type: "typing" })).catch(
      (error: unknown) =>
        log.debug({ conversation, err: error instanceof Error ? error.message : error }, "typing not shown"),
    );
    track(work);
  }

  function remember(userId: string, from: { id: string; name?: string | undefined }): void {
    accounts.delete(userId);
    accounts.set(userId, { id: from.id, ...(from.name ? { name: from.name } : {}) });
    // Bounded: the oldest member falls out first (a Map iterates in insertion order).
    if (accounts.size > 10_000) accounts.delete(accounts.keys().next().value as string);
  }

  function track(work: Promise<unknown>): void {
    inflight.add(work);
    void work.finally(() => inflight.delete(work));
  }

  /** Runs inside `CloudAdapter.process` once botbuilder has authenticated the request. */
  async function onActivity(context: TurnContext): Promise<void> {
    // Card actions sent as `invoke` (Action.Execute) need an invoke response, or Teams shows an error.
    if (context.activity.type === "invoke")
      context.turnState.set(INVOKE_RESPONSE_KEY, { type: "invokeResponse", value: { status: 200 } });
    const parsed = inboundActivitySchema.safeParse(context.activity);
    if (!parsed.success) {
      log.warn(
        { type: context.activity.type, issues: parsed.error.issues.length },
        "activity not understood; ignored",
      );
      return;
    }
    const activity = parsed.data;
    const conversation = encodeAddress(addressOf(activity));
    const reference = conversationReferenceSchema.parse(
      TurnContext.getConversationReference(context.activity),
    );
    const event = translateActivity(activity);
    if (!event) return;
    await references.set(conversation, reference);
    remember(event.user.id, activity.from);
    if (event.type === "message" || event.type === "action") typing(conversation, reference);
    const bot = port;
    if (!bot) return;
    // Acknowledged at once: the turn and its replies (sent through the connector) run afterwards.
    track(
      bot.handle(event).catch((error: unknown) => {
        log.error({ err: error, conversation }, "Bot Framework activity failed");
      }),
    );
  }

  const routes = createMessagesRoute({
    cloud,
    authentication,
    isReady: () => port !== undefined,
    logic: onActivity,
    logger: log,
  });

  return {
    channel: BOT_FRAMEWORK_CHANNEL,
    capabilities: BOT_FRAMEWORK_CAPABILITIES,
    routes,
    http: { routes: [routes] },

    async start(bot) {
      port = bot;
      health = { status: "up", detail: `receiving at ${MESSAGES_PATH}` };
      log.info({ appId, path: MESSAGES_PATH }, "Bot Framework adapter started");
    },

    async send({ address }, message) {
      await sendMessage(encodeAddress(address), message);
    },

    /**
     * Teams (and the Emulator) edit the message in place with `updateActivity`; on Web Chat,
     * Direct Line and the rest a sent activity cannot change, so the answer goes out once, complete,
     * when it is finished — the user sees "typing…" meanwhile.
     * @see https://learn.microsoft.com/microsoftteams/platform/bots/how-to/update-and-delete-bot-messages
     */
    async openStream({ address }, initial): Promise<MessageStream> {
      const conversation = encodeAddress(address);
      const reference = await referenceFor(conversation);
      const features = featuresOf(reference.channelId);
      if (!features.updates) {
        typing(conversation, reference);
        return {
          update: async () => {},
          finish: async (final) => {
            await sendMessage(conversation, final);
          },
        };
      }
      const id = await sendMessage(conversation, initial);
      const update = (message: OutboundMessage) =>
        id === undefined
          ? Promise.resolve(undefined)
          : deliver(conversation, reference, "updateActivity", (context) =>
              context.updateActivity({ ...renderActivity(message, features), id }),
            );
      return createThrottledStream({
        shown: initial.text,
        intervalMs: options.streamIntervalMs ?? 1_000,
        edit: async (text) => {
          await update({ ...initial, text });
        },
        finish: async (final) => {
          await update(final);
        },
        onError: (error) =>
          log.warn(
            { conversation, err: error instanceof Error ? error.message : error },
            "streamed edit failed",
          ),
      });
    },

    /** A personal matter raised in a Teams group or channel continues in a personal chat. */
    async openPrivateConversation({ conversation, userId }) {
      const group = await referenceFor(conversation);
      const member = accounts.get(userId);
      if (!member) return {};
      const created = await openTeamsPersonalChat({
        cloud,
        appId,
        audience: options.endpoints?.ToChannelFromBotOAuthScope ?? PUBLIC_CLOUD.ToChannelFromBotOAuthScope,
        group,
        member,
      }).catch((error: unknown) => {
        throw connectorError("createConversation", error);
      });
      if (!created) return {};
      const address = encodeAddress({
        channel: BOT_FRAMEWORK_CHANNEL,
        conversation: created.conversation.id,
      });
      await references.set(address, created);
      return { conversation: address };
    },

    async stop() {
      port = undefined;
      await Promise.allSettled([...inflight]);
      health = { status: "down", detail: "stopped" };
    },

    health() {
      return sendProblem && health.status === "up" ? { status: "degraded", detail: sendProblem } : health;
    },
  };
}
