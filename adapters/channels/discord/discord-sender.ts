import { MessageFlags } from "discord.js";
import { createThrottledStream, type DeliveryTarget, type MessageStream } from "../../../src/core/adapter.ts";
import type { Logger } from "../../../src/core/logger.ts";
import { renderDiscordMarkdown } from "../../../src/markdown/render-discord.ts";
import { stablePrefix } from "../../../src/markdown/stable-prefix.ts";
import { type Address, encodeAddress } from "../../../src/model/address.ts";
import type { OutboundMessage } from "../../../src/model/outbound.ts";
import type { ComponentCodec } from "./component-codec.ts";
import type { DiscordApi, MessagePayload } from "./discord-api.ts";
import { allowedMentions, type DiscordMessageBody, MAX_CONTENT, renderOutbound } from "./discord-render.ts";
import { DiscordRefusedError } from "./send-with-retry.ts";
import type { TurnRoute, TurnRoutes } from "./turn-routes.ts";

export interface SenderDeps {
  api: DiscordApi;
  codec: ComponentCodec;
  routes: TurnRoutes;
  /** Called (not awaited: the conversation's lock is held) when Discord says it is gone for good. */
  onUndeliverable(conversation: string, reason: string): void;
  /** Least time between two edits of a streamed reply (Discord allows about 5 per 5 s in a channel). */
  streamIntervalMs: number;
  logger: Logger;
}

/** The adapter's `send` and `openStream`. */
export interface DiscordSender {
  send(target: DeliveryTarget, message: OutboundMessage): Promise<void>;
  openStream(target: DeliveryTarget, initial: OutboundMessage): Promise<MessageStream>;
}

/** Edits the message a body was posted as. */
type Editor = (body: DiscordMessageBody) => Promise<void>;

/** Text still being written, rendered and cut to Discord's 2,000 characters; never pings. */
function partialBody(text: string): DiscordMessageBody {
  // Escaped half-written markup (`\*\*`) would flicker into bold: it is held back until complete.
  const content = renderDiscordMarkdown(stablePrefix(text)).trim() || "…";
  return {
    content: content.length <= MAX_CONTENT ? content : `${content.slice(0, MAX_CONTENT - 1)}…`,
    allowed_mentions: allowedMentions(),
  };
}

/**
 * Delivers core messages: through the interaction that started the turn the message answers (replacing the deferred
 * response first, then follow-ups), else as channel messages to the conversation's thread or
 * channel. A streamed reply is posted the same way, then edited in place (throttled); its final
 * edit carries the buttons.
 *
 * @see https://discord.com/developers/docs/resources/message#create-message
 * @see https://discord.com/developers/docs/resources/message#edit-message
 * @see https://discord.com/developers/docs/interactions/receiving-and-responding#followup-messages
 * @see https://discord.com/developers/docs/interactions/receiving-and-responding#edit-followup-message
 */
export function createDiscordSender(deps: SenderDeps): DiscordSender {
  const { api } = deps;

  /** Posts one body where the turn's replies go, and says how to edit it afterwards. */
  async function post(address: Address, route: TurnRoute | undefined, body: DiscordMessageBody) {
    let editor: Editor;
    if (route?.kind === "interaction") {
      const { applicationId, token } = route;
      if (route.originalPending) {
        // The deferred response already carries the ephemeral flag chosen when deferring.
        await api.editOriginal(applicationId, token, body);
        route.originalPending = false;
        editor = (next) => api.editOriginal(applicationId, token, next);
      } else {
        const payload: MessagePayload = route.ephemeral ? { ...body, flags: MessageFlags.Ephemeral } : body;
        const created = await api.followUp(applicationId, token, payload);
        editor = (next) => api.editFollowUp(applicationId, token, created.id, next);
      }
    } else {
      const channelId = address.thread ?? address.conversation;
      const payload: MessagePayload =
        route?.replyTo !== undefined && route.sent === 0
          ? { ...body, message_reference: { message_id: route.replyTo, fail_if_not_exists: false } }
          : body;
      const created = await api.createMessage(channelId, payload);
      editor = (next) => api.editMessage(channelId, created.id, next);
    }
    if (route) route.sent++;
    return editor;
  }

  /** Runs a delivery, telling the core when Discord says the conversation is gone. */
  async function reporting<T>(address: Address, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof DiscordRefusedError && error.undeliverable) {
        deps.onUndeliverable(encodeAddress(address), error.message);
      }
      throw error;
    }
  }

  return {
    send: (target, message) =>
      reporting(target.address, async () => {
        const { address } = target;
        const route = deps.routes.find(target);
        for (const body of renderOutbound(message, deps.codec)) await post(address, route, body);
      }),

    async openStream(target, initial) {
      const { address } = target;
      const route = deps.routes.find(target);
      const edit = await reporting(address, () => post(address, route, partialBody(initial.text)));
      return createThrottledStream({
        shown: initial.text,
        intervalMs: deps.streamIntervalMs,
        edit: (text) => edit(partialBody(text)),
        finish: (final) =>
          reporting(address, async () => {
            const [first, ...rest] = renderOutbound(final, deps.codec);
            if (!first) return;
            await edit(first);
            for (const body of rest) await post(address, route, body);
          }),
        onError: (error) =>
          deps.logger.debug(
            { err: error instanceof Error ? error.message : String(error) },
            "intermediate Discord edit skipped",
          ),
      });
    },
  };
}
