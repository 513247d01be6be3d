import { type EmulatedChannel, type EmulatedUser, IDS, member, USERS } from "./world.ts";

/**
 * Builders for the dispatch payloads a user's actions produce, shaped like Discord's API v10.
 *
 * @see https://discord.com/developers/docs/resources/message#message-object
 * @see https://discord.com/developers/docs/interactions/receiving-and-responding#interaction-object
 */

export interface StoredMessage {
  id: string;
  channel_id: string;
  guild_id?: string;
  author: EmulatedUser;
  content: string;
  components: unknown[];
  [key: string]: unknown;
}

function memberWithoutUser(author: EmulatedUser, roles: string[] = []) {
  const { user: _user, ...rest } = member(author, roles);
  return rest;
}

export function messagePayload(options: {
  id: string;
  channel: EmulatedChannel;
  author: EmulatedUser;
  content: string;
  roles?: string[];
  mentions?: EmulatedUser[];
  replyTo?: StoredMessage;
  components?: unknown[];
  nonce?: string;
  flags?: number;
  embeds?: unknown[];
}): StoredMessage {
  const inGuild = options.channel.guild_id !== undefined;
  const reply = options.replyTo;
  return {
    id: options.id,
    type: reply ? 19 : 0,
    channel_id: options.channel.id,
    // MESSAGE_CREATE carries the author's member without its `user` (that is `author`).
    ...(inGuild ? { guild_id: IDS.guild, member: memberWithoutUser(options.author, options.roles) } : {}),
    author: options.author,
    content: options.content,
    timestamp: new Date().toISOString().replace("Z", "000+00:00"),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: (options.mentions ?? []).map((user) => ({
      ...user,
      ...(inGuild ? { member: member(user) } : {}),
    })),
    mention_roles: [],
    attachments: [],
    embeds: options.embeds ?? [],
    pinned: false,
    flags: options.flags ?? 0,
    components: options.components ?? [],
    ...(options.nonce ? { nonce: options.nonce } : {}),
    ...(reply
      ? {
          message_reference: {
            type: 0,
            message_id: reply.id,
            channel_id: reply.channel_id,
            guild_id: IDS.guild,
          },
          referenced_message: reply,
        }
      : {}),
  };
}

function partialChannel(channel: EmulatedChannel) {
  return {
    id: channel.id,
    type: channel.type,
    ...(channel.guild_id ? { guild_id: channel.guild_id, name: channel.name } : {}),
    ...(channel.parent_id ? { parent_id: channel.parent_id } : {}),
    flags: 0,
    permissions: "2248473465835073",
  };
}

function interactionBase(options: {
  id: string;
  token: string;
  type: number;
  channel: EmulatedChannel;
  user: EmulatedUser;
  locale: string;
}) {
  const inGuild = options.channel.guild_id !== undefined;
  return {
    id: options.id,
    application_id: IDS.bot,
    type: options.type,
    token: options.token,
    version: 1,
    locale: options.locale,
    channel: partialChannel(options.channel),
    channel_id: options.channel.id,
    ...(inGuild
      ? {
          guild_id: IDS.guild,
          guild_locale: "en-US",
          guild: { id: IDS.guild, locale: "en-US", features: ["COMMUNITY"] },
          member: { ...member(options.user), permissions: "2248473465835073" },
        }
      : { user: options.user }),
    app_permissions: "2248473465835073",
    entitlements: [],
    authorizing_integration_owners: { "0": IDS.guild },
    context: inGuild ? 0 : 1,
    attachment_size_limit: 10_485_760,
  };
}

/** INTERACTION_CREATE for a slash command (type 2, CHAT_INPUT). */
export function slashCommandPayload(options: {
  id: string;
  token: string;
  name: string;
  commandId?: string;
  channel: EmulatedChannel;
  user?: EmulatedUser;
  locale?: string;
  options?: { name: string; value: string }[];
}) {
  return {
    ...interactionBase({
      id: options.id,
      token: options.token,
      type: 2,
      channel: options.channel,
      user: options.user ?? USERS.alice,
      locale: options.locale ?? "en-US",
    }),
    data: {
      id: options.commandId ?? "1100000000000000900",
      name: options.name,
      type: 1,
      ...(options.channel.guild_id ? { guild_id: IDS.guild } : {}),
      ...(options.options ? { options: options.options.map((option) => ({ ...option, type: 3 })) } : {}),
    },
  };
}

/** INTERACTION_CREATE for a pressed button (type 3, component_type 2). */
export function buttonPressPayload(options: {
  id: string;
  token: string;
  customId: string;
  message: StoredMessage;
  channel: EmulatedChannel;
  user?: EmulatedUser;
  locale?: string;
}) {
  return {
    ...interactionBase({
      id: options.id,
      token: options.token,
      type: 3,
      channel: options.channel,
      user: options.user ?? USERS.alice,
      locale: options.locale ?? "en-US",
    }),
    message: options.message,
    data: { custom_id: options.customId, component_type: 2 },
  };
}

/**
 * INTERACTION_CREATE for a submitted modal (type 5): each input comes back inside its label
 * (`{type: 18, component: {type: 4, custom_id, value}}`), as Discord sends it for label modals.
 *
 * @see https://discord.com/developers/docs/interactions/receiving-and-responding#interaction-object-modal-submit-data-structure
 */
export function modalSubmitPayload(options: {
  id: string;
  token: string;
  customId: string;
  values: Record<string, string>;
  channel: EmulatedChannel;
  user?: EmulatedUser;
  locale?: string;
}) {
  return {
    ...interactionBase({
      id: options.id,
      token: options.token,
      type: 5,
      channel: options.channel,
      user: options.user ?? USERS.alice,
      locale: options.locale ?? "en-US",
    }),
    data: {
      custom_id: options.customId,
      components: Object.entries(options.values).map(([customId, value], index) => ({
        type: 18,
        id: index * 2 + 1,
        component: { type: 4, id: index * 2 + 2, custom_id: customId, value },
      })),
    },
  };
}
