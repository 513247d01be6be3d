import { createHash } from "node:crypto";
import { type Address, encodeAddress } from "../../../src/model/address.ts";
import type { InboundEventInput } from "../../../src/model/events.ts";
import type { User } from "../../../src/model/user.ts";
import { buttonValueSchema, type InboundActivity, mentionSchema } from "./activity-schema.ts";

/** The channel name in addresses: every Bot Framework channel (Teams, Web Chat, Direct Line) shares it. */
export const BOT_FRAMEWORK_CHANNEL = "botframework";

/**
 * The commands the Teams app manifest lists (teams-app/manifest.json): Teams' command menu posts
 * the bare word, which means the slash command.
 */
const TEAMS_MENU_COMMANDS = new Set(["help", "ticket", "status", "human"]);

/** The Switchboard address of an activity's conversation (its id already names a Teams thread). */
export function addressOf(activity: Pick<InboundActivity, "conversation">): Address {
  return { channel: BOT_FRAMEWORK_CHANNEL, conversation: activity.conversation.id };
}

/** Group chats and Teams channels: others read along, and the bot answers only when @mentioned. */
export function isGroupConversation(activity: Pick<InboundActivity, "conversation">): boolean {
  const type = activity.conversation.conversationType;
  return activity.conversation.isGroup === true || type === "groupChat" || type === "channel";
}

/**
 * The event id: activity ids are unique within a conversation only, so the conversation is part of
 * it (hashed: Teams conversation ids run to hundreds of characters).
 */
function eventId(activity: InboundActivity, suffix = ""): string {
  const conversation = createHash("sha256").update(activity.conversation.id).digest("base64url").slice(0, 16);
  return `bf:${conversation}:${activity.id ?? timestampOf(activity).timestamp ?? "no-id"}${suffix}`.slice(
    0,
    256,
  );
}

function timestampOf(activity: InboundActivity): { timestamp?: string } {
  if (activity.timestamp === undefined) return {};
  const at = new Date(activity.timestamp);
  return Number.isNaN(at.getTime()) ? {} : { timestamp: at.toISOString() };
}

function userOf(activity: InboundActivity): User {
  const user: User = { channel: BOT_FRAMEWORK_CHANNEL, id: activity.from.aadObjectId ?? activity.from.id };
  if (activity.from.name) user.displayName = activity.from.name;
  if (activity.locale) user.locale = activity.locale.slice(0, 35);
  return user;
}

/** Was the bot @mentioned, and the text with every mention of it removed. */
function withoutBotMention(activity: InboundActivity): { mentioned: boolean; text: string } {
  let text = activity.text ?? "";
  let mentioned = false;
  for (const entity of activity.entities ?? []) {
    const mention = mentionSchema.safeParse(entity);
    if (!mention.success || mention.data.mentioned.id !== activity.recipient.id) continue;
    mentioned = true;
    // Teams writes the mention into the text as `<at>Name</at>`; Web Chat as the plain name.
    if (mention.data.text) text = text.split(mention.data.text).join(" ");
  }
  return {
    mentioned,
    text: text
      .replace(/<at>[^<]*<\/at>/g, " ")
      .replace(/\s+/g, " ")
      .trim(),
  };
}

/**
 * One inbound activity as the core's event, or `undefined` for activities the bot does not answer:
 * reactions, typing, group messages that do not @mention the bot, members leaving, its own echoes.
 * Card buttons (`value` with Switchboard's action) become `action` events; the bot or a person
 * joining a conversation becomes the `start` command (the welcome, in the activity's locale).
 */
export function translateActivity(activity: InboundActivity): InboundEventInput | undefined {
  if (activity.from.id === activity.recipient.id) return undefined;
  const group = isGroupConversation(activity);
  const base = {
    conversation: encodeAddress(addressOf(activity)),
    user: userOf(activity),
    ...(group ? { scope: "group" as const } : {}),
    ...timestampOf(activity),
    raw: activity,
  };
  const pressed = buttonValueSchema.safeParse(
    activity.type === "invoke"
      ? (activity.value as { action?: { data?: unknown } })?.action?.data
      : activity.value,
  );
  if ((activity.type === "message" || activity.type === "invoke") && pressed.success) {
    const { action, value } = pressed.data.switchboard;
    return {
      ...base,
      id: eventId(activity),
      type: "action",
      action,
      ...(value === undefined ? {} : { value }),
    };
  }
  if (activity.type === "message") {
    const { mentioned, text } = withoutBotMention(activity);
    if (group && !mentioned) return undefined;
    if (text === "") return undefined;
    const word = text.toLowerCase();
    if (activity.channelId === "msteams" && TEAMS_MENU_COMMANDS.has(word))
      return { ...base, id: eventId(activity), type: "command", command: word, args: "" };
    return { ...base, id: eventId(activity), type: "message", text };
  }
  if (activity.type === "conversationUpdate") {
    const added = activity.membersAdded ?? [];
    const botAdded = added.some((member) => member.id === activity.recipient.id);
    const personAdded = added.some((member) => member.id !== activity.recipient.id);
    // Teams announces the bot's installation; Direct Line and Web Chat announce the bot and then the
    // user, each in its own activity: one welcome either way. In a group only the bot's own arrival
    // is greeted, not every colleague who joins the channel.
    const greet = activity.channelId === "msteams" || group ? botAdded : personAdded;
    if (!greet) return undefined;
    return { ...base, id: eventId(activity, ":welcome"), type: "command", command: "start", args: "" };
  }
  return undefined;
}
