import { encodeAddress } from "../../../src/model/address.ts";
import type { InboundEventInput } from "../../../src/model/events.ts";
import type { User } from "../../../src/model/user.ts";
import type { CallbackCodec, CallbackPayload } from "./callback-codec.ts";
import {
  type TelegramEntity,
  type TelegramUser,
  telegramCallbackQuerySchema,
  telegramMessageSchema,
} from "./update-schema.ts";

/** Who the bot is (from getMe): needed to see mentions, replies and `/cmd@BotName`. */
export interface BotIdentity {
  id: number;
  username: string;
}

/** A chat, and the forum topic within it when there is one. */
export interface ChatRef {
  chatId: number;
  threadId?: number;
}

export type MessageTranslation =
  | { kind: "event"; event: InboundEventInput; chat: ChatRef }
  | { kind: "ignored"; reason: string };

/** A pressed button: always answered; `event` is absent when the data is unknown or expired. */
export interface CallbackTranslation {
  kind: "callback";
  queryId: string;
  chat?: ChatRef;
  messageId?: number;
  markup?: unknown;
  language?: string;
  event?: InboundEventInput;
}

const COMMAND = /^\/([A-Za-z0-9_]{1,32})(?:@([A-Za-z0-9_]{1,64}))?(?:\s+([\s\S]*))?$/;
const CORE_COMMAND = /^[a-z][a-z0-9_-]{0,31}$/;

/** `telegram:<chat_id>`, plus `:<message_thread_id>` for a forum topic. */
export function conversationOf(chat: ChatRef): string {
  return encodeAddress({
    channel: "telegram",
    conversation: String(chat.chatId),
    ...(chat.threadId === undefined ? {} : { thread: String(chat.threadId) }),
  });
}

/**
 * Parses `/name[@BotName] args`. `target` is the `@BotName` part, if any.
 * @see https://core.telegram.org/bots/features#commands
 */
export function parseCommand(text: string): { name: string; target?: string; args: string } | undefined {
  const match = COMMAND.exec(text.trim());
  if (!match?.[1]) return undefined;
  return {
    name: match[1].toLowerCase(),
    ...(match[2] ? { target: match[2] } : {}),
    args: (match[3] ?? "").trim(),
  };
}

function userOf(from: TelegramUser): User {
  const name = [from.first_name, from.last_name].filter(Boolean).join(" ") || from.username;
  return {
    channel: "telegram",
    id: String(from.id),
    ...(name ? { displayName: name.slice(0, 256) } : {}),
    ...(from.language_code ? { locale: from.language_code.slice(0, 35) } : {}),
  };
}

function chatRef(chatId: number, topic: boolean | undefined, threadId: number | undefined): ChatRef {
  // Replies in ordinary supergroups carry a message_thread_id too; only forum topics are threads.
  return topic && threadId !== undefined ? { chatId, threadId } : { chatId };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Ranges of `text` that mention the bot (`@username` or a text mention of its id), by start. */
function botMentions(text: string, entities: readonly TelegramEntity[], me: BotIdentity): [number, number][] {
  const handle = `@${me.username}`.toLowerCase();
  const ranges: [number, number][] = entities
    .filter(
      (e) =>
        (e.type === "mention" && text.slice(e.offset, e.offset + e.length).toLowerCase() === handle) ||
        (e.type === "text_mention" && e.user?.id === me.id),
    )
    .map((e): [number, number] => [e.offset, e.offset + e.length])
    .sort((a, b) => a[0] - b[0]);
  const fromEntities = ranges.length;
  // Payloads without entities (emulators, forwarded text) still count a typed @username. Matches
  // come in order, so one pass over the entity ranges tells which are already covered.
  const typed = new RegExp(`(?<![\\w@])@${escapeRegExp(me.username)}(?!\\w)`, "gi");
  let next = 0;
  let coveredTo = 0;
  for (const match of text.matchAll(typed)) {
    const start = match.index;
    for (; next < fromEntities && (ranges[next]?.[0] ?? 0) <= start; next++)
      coveredTo = Math.max(coveredTo, ranges[next]?.[1] ?? 0);
    if (start >= coveredTo) ranges.push([start, start + match[0].length]);
  }
  return ranges.sort((a, b) => a[0] - b[0]);
}

/** `text` without the (possibly overlapping) ranges, in one pass. */
function withoutRanges(text: string, ranges: readonly [number, number][]): string {
  let out = "";
  let keptTo = 0;
  for (const [from, to] of ranges) {
    if (from > keptTo) out += text.slice(keptTo, from);
    keptTo = Math.max(keptTo, to);
  }
  out += text.slice(keptTo);
  return out.replace(/[ \t]{2,}/g, " ").trim();
}

/**
 * Translates a message into a neutral event. In private chats every text message counts; in groups
 * only commands, messages that mention the bot and replies to the bot do (the rest of a group's
 * talk is not for us), and the event carries `scope: "group"`.
 * @see https://core.telegram.org/bots/features#privacy-mode
 */
export function translateMessage(
  updateId: number,
  raw: unknown,
  me: BotIdentity,
  update: unknown,
): MessageTranslation {
  const parsed = telegramMessageSchema.safeParse(raw);
  if (!parsed.success) return { kind: "ignored", reason: "message did not match the expected shape" };
  const message = parsed.data;
  if (!message.from || message.from.is_bot) return { kind: "ignored", reason: "not from a person" };
  const chatType = message.chat.type;
  if (chatType === "channel") return { kind: "ignored", reason: "channel post" };
  const text = message.text ?? message.caption;
  if (text === undefined) return { kind: "ignored", reason: "no text" };
  const entities = (message.text === undefined ? message.caption_entities : message.entities) ?? [];
  const group = chatType !== "private";
  const chat = chatRef(message.chat.id, message.is_topic_message, message.message_thread_id);
  const base = {
    id: String(updateId),
    conversation: conversationOf(chat),
    user: userOf(message.from),
    scope: group ? ("group" as const) : ("private" as const),
    ...(message.date === undefined ? {} : { timestamp: new Date(message.date * 1000).toISOString() }),
    raw: update,
  };

  const command = parseCommand(text);
  if (command?.target && command.target.toLowerCase() !== me.username.toLowerCase())
    return { kind: "ignored", reason: `command for @${command.target}` };
  if (command && CORE_COMMAND.test(command.name))
    return {
      kind: "event",
      chat,
      event: { ...base, type: "command", command: command.name, args: command.args },
    };

  const mentions = botMentions(text, entities, me);
  const topicStarter =
    message.is_topic_message && message.reply_to_message?.message_id === message.message_thread_id;
  const repliesToBot = message.reply_to_message?.from?.id === me.id && !topicStarter;
  if (group && mentions.length === 0 && !repliesToBot)
    return { kind: "ignored", reason: "group message not addressed to the bot" };
  return { kind: "event", chat, event: { ...base, type: "message", text: withoutRanges(text, mentions) } };
}

/**
 * Translates a pressed inline button into an `action` event with the button's action and value.
 * @see https://core.telegram.org/bots/api#callbackquery
 */
export function translateCallback(
  updateId: number,
  raw: unknown,
  codec: CallbackCodec,
  update: unknown,
): CallbackTranslation | { kind: "ignored"; reason: string } {
  const parsed = telegramCallbackQuerySchema.safeParse(raw);
  if (!parsed.success) return { kind: "ignored", reason: "callback query did not match the expected shape" };
  const query = parsed.data;
  const result: CallbackTranslation = {
    kind: "callback",
    queryId: query.id,
    ...(query.from.language_code ? { language: query.from.language_code } : {}),
  };
  const message = query.message;
  if (!message || message.chat.type === "channel") return result;
  result.chat = chatRef(message.chat.id, message.is_topic_message, message.message_thread_id);
  if (message.message_id !== undefined) result.messageId = message.message_id;
  if (message.reply_markup !== undefined) result.markup = message.reply_markup;
  const payload: CallbackPayload | undefined =
    query.data === undefined ? undefined : codec.decode(query.data);
  if (!payload) return result;
  result.event = {
    id: String(updateId),
    conversation: conversationOf(result.chat),
    user: userOf(query.from),
    scope: message.chat.type === "private" ? "private" : "group",
    type: "action",
    action: payload.action,
    ...(payload.value === undefined ? {} : { value: payload.value }),
    raw: update,
  };
  return result;
}
