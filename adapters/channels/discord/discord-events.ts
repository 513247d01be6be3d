import { ChannelType, MessageType } from "discord.js";
import type { InboundEventInput } from "../../../src/model/events.ts";
import { addressOf, type ChannelInfo, isThreadType, scopeOf } from "./channel-resolver.ts";
import type { GatewayMessage } from "./discord-payloads.ts";

/** What decides whether a message is meant for the bot. */
export interface TriggerContext {
  botUserId: string;
  supportChannelIds: ReadonlySet<string>;
  /** Staff writing in a support channel are talking to the customer, not the bot. */
  staffRoleId?: string;
  /** Threads the bot opened (private support threads): everything said there is for it. */
  ownThreads: ReadonlySet<string>;
}

/** Why a message reached the bot. */
export type Trigger = "dm" | "mention" | "reply" | "support-channel" | "own-thread";

function mentionsBot(message: GatewayMessage, botUserId: string): boolean {
  return (
    message.mentions.some((user) => user.id === botUserId) ||
    message.content.includes(`<@${botUserId}>`) ||
    message.content.includes(`<@!${botUserId}>`)
  );
}

/**
 * Decides whether the bot should answer: DMs, mentions of the bot, replies to the bot, messages in
 * configured support channels (or in posts/threads of them) and messages in threads the bot opened.
 * Bots, webhooks and system messages never trigger it; neither do people in a support channel who
 * are clearly talking to someone else (a staff member, a reply to or mention of another person).
 */
export function triggerOf(
  message: GatewayMessage,
  channel: ChannelInfo,
  context: TriggerContext,
): Trigger | undefined {
  if (message.author.bot || message.webhook_id !== undefined || message.author.id === context.botUserId) {
    return undefined;
  }
  if (message.type !== MessageType.Default && message.type !== MessageType.Reply) return undefined;
  if (message.guild_id === undefined || channel.type === ChannelType.DM) return "dm";
  if (mentionsBot(message, context.botUserId)) return "mention";
  const repliedTo = message.referenced_message?.author.id;
  if (repliedTo === context.botUserId) return "reply";
  const thread = isThreadType(channel.type);
  if (thread && (context.ownThreads.has(channel.id) || channel.ownerId === context.botUserId))
    return "own-thread";
  const inSupport =
    context.supportChannelIds.has(channel.id) ||
    (thread && channel.parentId !== undefined && context.supportChannelIds.has(channel.parentId));
  if (!inSupport) return undefined;
  const isStaff =
    context.staffRoleId !== undefined && (message.member?.roles ?? []).includes(context.staffRoleId);
  const talksToOthers = message.mentions.length > 0 || repliedTo !== undefined;
  if (isStaff || talksToOthers) return undefined;
  // Without the MessageContent intent Discord sends these with empty content: nothing to answer.
  if (message.content.trim() === "") return undefined;
  return "support-channel";
}

/** The message text without the bot's own mention. */
export function questionText(message: GatewayMessage, botUserId: string): string {
  return message.content
    .replaceAll(`<@${botUserId}>`, "")
    .replaceAll(`<@!${botUserId}>`, "")
    .replace(/[ \t]{2,}/g, " ")
    .trim();
}

/** Discord's timestamps carry microseconds and `+00:00`; the core wants plain ISO 8601. */
function isoTimestamp(timestamp: string): string | undefined {
  const time = Date.parse(timestamp);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

/**
 * A `MESSAGE_CREATE` as a neutral `message` event, or `undefined` when it is not for the bot.
 * The message id is the event id, so a redelivered message is recognised by the core.
 *
 * @see https://discord.com/developers/docs/resources/message#message-object
 */
export function messageToEvent(
  message: GatewayMessage,
  channel: ChannelInfo,
  context: TriggerContext,
  raw: unknown,
): InboundEventInput | undefined {
  const trigger = triggerOf(message, channel, context);
  if (!trigger) return undefined;
  let text = questionText(message, context.botUserId);
  // A forum post's first message has the post's id; its title is usually the question.
  if (message.id === channel.id && channel.name && !text.includes(channel.name)) {
    text = text === "" ? channel.name : `${channel.name}\n\n${text}`;
  }
  const displayName = message.member?.nick ?? message.author.global_name ?? message.author.username;
  const timestamp = isoTimestamp(message.timestamp);
  return {
    type: "message",
    id: message.id,
    conversation: addressOf(channel),
    scope: scopeOf(channel),
    user: { channel: "discord", id: message.author.id, displayName },
    text,
    ...(timestamp ? { timestamp } : {}),
    raw,
  };
}
