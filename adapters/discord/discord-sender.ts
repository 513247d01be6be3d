import { MessageFlags } from "discord.js";
import { type Address, encodeAddress } from "../../src/model/address.ts";
import type { OutboundMessage } from "../../src/model/outbound.ts";
import type { ComponentCodec } from "./component-codec.ts";
import type { DiscordApi, MessagePayload } from "./discord-api.ts";
import { type DiscordMessageBody, renderOutbound } from "./discord-render.ts";
import { DiscordRefusedError } from "./send-with-retry.ts";
import type { InteractionRoute, MessageRoute, TurnRouter } from "./turn-routing.ts";

export interface SenderDeps {
  api: DiscordApi;
  codec: ComponentCodec;
  router: TurnRouter;
  /** Called (not awaited: the conversation's lock is held) when Discord says it is gone for good. */
  onUndeliverable(conversation: string, reason: string): void;
}

/**
 * Delivers one core message: through the interaction that started the turn (replacing the
 * deferred response first, then follow-ups), else as a channel message to the conversation's
 * thread or channel.
 *
 * @see https://discord.com/developers/docs/resources/message#create-message
 * @see https://discord.com/developers/docs/interactions/receiving-and-responding#followup-messages
 */
export function createDiscordSender(
  deps: SenderDeps,
): (address: Address, message: OutboundMessage) => Promise<void> {
  async function toInteraction(route: InteractionRoute, body: DiscordMessageBody): Promise<void> {
    if (route.originalPending) {
      // The deferred response already carries the ephemeral flag chosen when deferring.
      await deps.api.editOriginal(route.applicationId, route.token, body);
      route.originalPending = false;
    } else {
      const payload: MessagePayload = route.ephemeral ? { ...body, flags: MessageFlags.Ephemeral } : body;
      await deps.api.followUp(route.applicationId, route.token, payload);
    }
  }

  async function toChannel(channelId: string, body: DiscordMessageBody, route: MessageRoute | undefined) {
    const payload: MessagePayload =
      route?.replyTo !== undefined && route.sent === 0
        ? { ...body, message_reference: { message_id: route.replyTo, fail_if_not_exists: false } }
        : body;
    await deps.api.createMessage(channelId, payload);
  }

  return async function send(address, message) {
    const conversation = encodeAddress(address);
    const route = deps.router.current(conversation);
    try {
      for (const body of renderOutbound(message, deps.codec)) {
        if (route?.kind === "interaction") await toInteraction(route, body);
        else await toChannel(address.thread ?? address.conversation, body, route);
        if (route) route.sent++;
      }
    } catch (error) {
      if (error instanceof DiscordRefusedError && error.undeliverable) {
        deps.onUndeliverable(conversation, error.message);
      }
      throw error;
    }
  };
}
