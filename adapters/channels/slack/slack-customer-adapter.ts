import type { App } from "@slack/bolt";
import {
  type Adapter,
  type BotPort,
  type ChannelHealth,
  createThrottledStream,
} from "../../../src/core/adapter.ts";
import type { Logger } from "../../../src/core/logger.ts";
import { type Address, encodeAddress } from "../../../src/model/address.ts";
import type { Capabilities } from "../../../src/model/capabilities.ts";
import type { InboundEventInput } from "../../../src/model/events.ts";
import type { User } from "../../../src/model/user.ts";
import {
  type ChoiceValue,
  CUSTOMER_ACTION_PREFIX,
  pressedBlocks,
  renderCustomerMessage,
  SLACK_MAX_MESSAGE_LENGTH,
} from "./customer-blocks.ts";
import {
  type CustomerMessage,
  choiceActionSchema,
  customerMessageSchema,
  customerText,
  envelopeSchema,
} from "./customer-events.ts";

export const SLACK_CHANNEL = "slack";

/** Mention threads and user locales kept in memory, each; the oldest go first. */
const MAX_REMEMBERED = 10_000;

function remember(set: Set<string>, key: string): void {
  set.delete(key);
  set.add(key);
  if (set.size > MAX_REMEMBERED) set.delete(set.values().next().value as string);
}

export const SLACK_CUSTOMER_CAPABILITIES: Capabilities = {
  buttons: true,
  linkButtons: true,
  threads: true,
  edits: true,
  markdown: true,
  maxMessageLength: SLACK_MAX_MESSAGE_LENGTH,
};

/**
 * What the customer channel uses of the Slack desk's app: its Bolt app (to add listeners) and its
 * Web API calls (with the desk's rate-limit and error policy). src/app hands them over.
 */
export interface SlackPlatform {
  bolt: App;
  api: {
    call(method: string, args: Record<string, unknown>): Promise<Record<string, unknown>>;
    health(): ChannelHealth;
  };
}

export interface SlackCustomerAdapterOptions {
  /** Channels where every message is a customer's question (Slack Connect channels included). */
  supportChannels: readonly string[];
  /** The desk's channels: never a customer conversation. */
  deskChannels: readonly string[];
  logger: Logger;
  /** Least time between two `chat.update`s of a streamed answer (Slack: about one a second). */
  streamIntervalMs?: number;
  /** How long a user's locale from `users.info` is reused. Default one hour. */
  localeTtlMs?: number;
}

export interface SlackCustomerAdapter extends Adapter {
  /** Adds the customer listeners to the desk's Bolt app (before it starts). */
  attach(platform: SlackPlatform): void;
}

/**
 * Customers in Slack, on the desk's Bolt app: direct messages (`message.im`), @mentions in any
 * channel (answered in a thread, `app_mention`), and every message in the support channels (each
 * top-level message its own thread). Desk channels stay the desk's. Buttons are Block Kit buttons;
 * once one is pressed the message is updated so it cannot be pressed again. Slack's retries carry
 * the same `event_id`, which the core's idempotency drops.
 * @see https://docs.slack.dev/apis/events-api/
 */
export function createSlackCustomerAdapter(options: SlackCustomerAdapterOptions): SlackCustomerAdapter {
  const log = options.logger.child({ component: "slack-customers" });
  const support = new Set(options.supportChannels);
  const desk = new Set(options.deskChannels);
  // Threads the bot was @mentioned in outside the support channels: replies there continue the conversation.
  const mentionThreads = new Set<string>();
  const locales = new Map<string, { locale: string | undefined; at: number }>();
  let platform: SlackPlatform | undefined;
  let port: BotPort | undefined;
  let stopped = false;
  const inflight = new Set<Promise<unknown>>();

  function api(): SlackPlatform["api"] {
    if (!platform) throw new Error("The Slack customer channel is not attached to the Slack desk's app.");
    return platform.api;
  }

  /** The user's Slack locale (`users.info` with `include_locale`), the language hint. */
  async function userOf(id: string): Promise<User> {
    const cached = locales.get(id);
    const fresh = cached !== undefined && Date.now() - cached.at < (options.localeTtlMs ?? 3_600_000);
    let locale = fresh ? cached.locale : undefined;
    if (!fresh) {
      try {
        const info = (await api().call("users.info", { user: id, include_locale: true })) as {
          user?: { locale?: unknown };
        };
        locale = typeof info.user?.locale === "string" ? info.user.locale : undefined;
      } catch (error) {
        log.debug(
          { user: id, err: error instanceof Error ? error.message : error },
          "no locale for the user",
        );
      }
      // A user without a locale (or whom Slack would not describe) is not asked again for a while either.
      locales.delete(id);
      locales.set(id, { locale, at: Date.now() });
      if (locales.size > MAX_REMEMBERED) locales.delete(locales.keys().next().value as string);
    }
    return { channel: SLACK_CHANNEL, id, ...(locale ? { locale: locale.slice(0, 35) } : {}) };
  }

  function handle(event: InboundEventInput): void {
    const bot = port;
    if (!bot || stopped) return;
    const work = bot.handle(event).catch((error: unknown) => {
      log.error({ err: error, conversation: event.conversation }, "Slack customer event failed");
    });
    inflight.add(work);
    void work.finally(() => inflight.delete(work));
  }

  /** Where a customer message belongs, or `undefined` when it is not the customer channel's. */
  function addressOf(
    message: CustomerMessage,
    mentioned: boolean,
  ): { address: Address; group: boolean } | undefined {
    if (desk.has(message.channel)) return undefined;
    if (message.channel_type === "im")
      return { address: { channel: SLACK_CHANNEL, conversation: message.channel }, group: false };
    const thread = message.thread_ts ?? message.ts;
    const inThread = { channel: SLACK_CHANNEL, conversation: message.channel, thread };
    if (support.has(message.channel)) return { address: inThread, group: true };
    if (mentioned || mentionThreads.has(`${message.channel}:${thread}`))
      return { address: inThread, group: true };
    return undefined;
  }

  async function onMessage(raw: unknown, envelope: unknown, botUserId: string | undefined, mention: boolean) {
    const parsed = customerMessageSchema.safeParse(raw);
    const eventId = envelopeSchema.safeParse(envelope);
    if (!parsed.success || !eventId.success) return;
    const message = parsed.data;
    if (!message.user || message.bot_id || message.user === botUserId || message.subtype !== undefined)
      return;
    // A mention outside the support channels arrives twice (message and app_mention): app_mention takes it.
    if (
      !mention &&
      !support.has(message.channel) &&
      botUserId &&
      message.text?.includes(`<@${botUserId}>`) &&
      message.channel_type !== "im"
    )
      return;
    if (mention && support.has(message.channel)) return;
    const where = addressOf(message, mention);
    if (!where) return;
    if (mention) remember(mentionThreads, `${message.channel}:${message.thread_ts ?? message.ts}`);
    const text = customerText(message.text ?? "", botUserId);
    if (text === "") return;
    handle({
      id: eventId.data.event_id,
      conversation: encodeAddress(where.address),
      user: await userOf(message.user),
      ...(where.group ? { scope: "group" as const } : {}),
      type: "message",
      text,
      raw: message,
    });
  }

  function attach(slack: SlackPlatform): void {
    platform = slack;
    slack.bolt.event("message", async ({ event, body, context }) => {
      await onMessage(event, body, context.botUserId, false);
    });
    slack.bolt.event("app_mention", async ({ event, body, context }) => {
      await onMessage({ ...event, channel_type: "channel" }, body, context.botUserId, true);
    });
    slack.bolt.action({ type: "block_actions", action_id: /^sb_link_/ }, async ({ ack }) => {
      await ack();
    });
    slack.bolt.action(
      { type: "block_actions", action_id: new RegExp(`^${CUSTOMER_ACTION_PREFIX}`) },
      async ({ ack, body }) => {
        await ack();
        const parsed = choiceActionSchema.safeParse(body);
        if (!parsed.success)
          return log.warn({ issues: parsed.error.issues.length }, "ignored an unreadable button press");
        const { user, container, message, actions } = parsed.data;
        const action = actions[0];
        let choice: ChoiceValue;
        try {
          choice = JSON.parse(action?.value ?? "") as ChoiceValue;
        } catch {
          return log.warn({}, "ignored a button without a readable value");
        }
        const dm = container.channel_id.startsWith("D");
        const address: Address = dm
          ? { channel: SLACK_CHANNEL, conversation: container.channel_id }
          : {
              channel: SLACK_CHANNEL,
              conversation: container.channel_id,
              thread: message.thread_ts ?? message.ts,
            };
        // The choice replaces the buttons at once: pressing twice is impossible, not just ignored.
        await api()
          .call("chat.update", {
            channel: container.channel_id,
            ts: container.message_ts,
            text: choice.label,
            blocks: pressedBlocks(message.blocks ?? [], choice.label),
          })
          .catch((error: unknown) =>
            log.warn({ err: error instanceof Error ? error.message : error }, "pressed buttons not removed"),
          );
        handle({
          id: `${container.channel_id}:${container.message_ts}:${action?.action_ts ?? ""}`,
          conversation: encodeAddress(address),
          user: await userOf(user.id),
          ...(dm ? {} : { scope: "group" as const }),
          type: "action",
          action: choice.action,
          ...(choice.value === undefined ? {} : { value: choice.value }),
        });
      },
    );
  }

  async function post(
    address: Address,
    message: Parameters<typeof renderCustomerMessage>[0],
  ): Promise<string | undefined> {
    const posted = await api().call("chat.postMessage", {
      channel: address.conversation,
      ...(address.thread ? { thread_ts: address.thread } : {}),
      ...renderCustomerMessage(message),
      unfurl_links: false,
    });
    return typeof posted.ts === "string" ? posted.ts : undefined;
  }

  return {
    channel: SLACK_CHANNEL,
    capabilities: SLACK_CUSTOMER_CAPABILITIES,
    attach,

    async start(bot) {
      if (!platform)
        throw new Error("Attach the Slack customer channel to the Slack desk before starting it.");
      port = bot;
      stopped = false;
      log.info({ supportChannels: [...support] }, "Slack customer channel started");
    },

    async send({ address }, message) {
      await post(address, message);
    },

    /** @see https://docs.slack.dev/reference/methods/chat.update */
    async openStream({ address }, initial) {
      const ts = await post(address, initial);
      const update = async (message: Parameters<typeof renderCustomerMessage>[0]) => {
        if (!ts) return;
        await api().call("chat.update", {
          channel: address.conversation,
          ts,
          ...renderCustomerMessage(message),
        });
      };
      return createThrottledStream({
        shown: initial.text,
        intervalMs: options.streamIntervalMs ?? 1_200,
        edit: (text) => update({ ...initial, text }),
        finish: (final) => update(final),
        onError: (error) =>
          log.warn({ err: error instanceof Error ? error.message : error }, "streamed edit failed"),
      });
    },

    /**
     * A personal matter raised in a channel continues in a DM with the customer.
     * @see https://docs.slack.dev/reference/methods/conversations.open
     */
    async openPrivateConversation({ userId }) {
      const opened = (await api().call("conversations.open", { users: userId })) as {
        channel?: { id?: unknown };
      };
      const id = opened.channel?.id;
      return typeof id === "string"
        ? { conversation: encodeAddress({ channel: SLACK_CHANNEL, conversation: id }) }
        : {};
    },

    async stop() {
      stopped = true;
      port = undefined;
      // Turns already handed to the core finish (and send their replies) before the app closes.
      await Promise.allSettled([...inflight]);
    },

    health(): ChannelHealth {
      if (stopped || !port) return { status: stopped ? "down" : "starting" };
      return platform?.api.health() ?? { status: "starting" };
    },
  };
}
