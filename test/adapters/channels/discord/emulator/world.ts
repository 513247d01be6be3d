/**
 * The emulated Discord server: one guild with a text channel, a #help forum, a support text
 * channel, a staff role, the bot and a few members. Payload shapes follow Discord's API v10 docs.
 *
 * @see https://discord.com/developers/docs/resources/guild#guild-object
 * @see https://discord.com/developers/docs/resources/channel#channel-object
 * @see https://discord.com/developers/docs/resources/user#user-object
 */

/** Snowflakes: (ms since 2015-01-01) << 22 | increment, so ids sort by creation like Discord's. */
export function createSnowflakes(): () => string {
  let increment = 0n;
  return () => {
    increment = (increment + 1n) % 4096n;
    return (((BigInt(Date.now()) - 1_420_070_400_000n) << 22n) | increment).toString();
  };
}

export const BOT_TOKEN = "MTEwMDAwMDAwMDAwMDAwMDAwMQ.GaBcDe.emulator-token-000000000000000000";

export const IDS = {
  bot: "1100000000000000001",
  guild: "1100000000000000100",
  general: "1100000000000000110",
  helpForum: "1100000000000000111",
  support: "1100000000000000112",
  announcements: "1100000000000000113",
  staffRole: "1100000000000000120",
  alice: "1100000000000000201",
  minsu: "1100000000000000202",
  staff: "1100000000000000203",
} as const;

export interface EmulatedUser {
  id: string;
  username: string;
  global_name: string | null;
  discriminator: string;
  avatar: null;
  bot?: boolean;
  public_flags: number;
  flags: number;
}

function user(id: string, username: string, globalName: string | null, bot = false): EmulatedUser {
  return {
    id,
    username,
    global_name: globalName,
    discriminator: "0",
    avatar: null,
    ...(bot ? { bot: true } : {}),
    public_flags: 0,
    flags: 0,
  };
}

export const USERS = {
  bot: user(IDS.bot, "switchboard", null, true),
  alice: user(IDS.alice, "alice", "Alice"),
  minsu: user(IDS.minsu, "minsu", "민수"),
  staff: user(IDS.staff, "mina", "Mina (Support)"),
} as const;

export function member(who: EmulatedUser, roles: string[] = []) {
  return {
    user: who,
    nick: null,
    avatar: null,
    roles,
    joined_at: "2024-01-01T00:00:00.000000+00:00",
    premium_since: null,
    deaf: false,
    mute: false,
    flags: 0,
    pending: false,
    communication_disabled_until: null,
  };
}

export interface EmulatedChannel {
  id: string;
  type: number;
  name?: string;
  guild_id?: string;
  parent_id?: string | null;
  owner_id?: string;
  [key: string]: unknown;
}

function textChannel(id: string, name: string, type = 0, position = 0): EmulatedChannel {
  return {
    id,
    type,
    guild_id: IDS.guild,
    name,
    position,
    parent_id: null,
    topic: null,
    nsfw: false,
    last_message_id: null,
    rate_limit_per_user: 0,
    permission_overwrites: [],
    flags: 0,
    ...(type === 15 ? { available_tags: [], default_reaction_emoji: null, default_sort_order: null } : {}),
  };
}

/** A thread channel as GUILD_CREATE, THREAD_CREATE and `POST /threads` return it. */
export function threadChannel(options: {
  id: string;
  parentId: string;
  name: string;
  ownerId: string;
  type?: 11 | 12;
  invitable?: boolean;
}): EmulatedChannel {
  return {
    id: options.id,
    type: options.type ?? 11,
    guild_id: IDS.guild,
    parent_id: options.parentId,
    owner_id: options.ownerId,
    name: options.name,
    last_message_id: null,
    rate_limit_per_user: 0,
    message_count: 0,
    member_count: 1,
    total_message_sent: 0,
    flags: 0,
    thread_metadata: {
      archived: false,
      auto_archive_duration: 10080,
      archive_timestamp: new Date().toISOString(),
      locked: false,
      create_timestamp: new Date().toISOString(),
      ...(options.type === 12 ? { invitable: options.invitable ?? false } : {}),
    },
  };
}

/** Channels of the guild, by id (threads are added as they are created). */
export function initialChannels(): Map<string, EmulatedChannel> {
  const channels = [
    textChannel(IDS.general, "general", 0, 0),
    textChannel(IDS.helpForum, "help", 15, 1),
    textChannel(IDS.support, "support", 0, 2),
    textChannel(IDS.announcements, "announcements", 5, 3),
  ];
  return new Map(channels.map((channel) => [channel.id, channel]));
}

function role(id: string, name: string, permissions: string, position: number) {
  return {
    id,
    name,
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    icon: null,
    unicode_emoji: null,
    position,
    permissions,
    managed: false,
    mentionable: false,
    flags: 0,
  };
}

/** The GUILD_CREATE payload sent after READY (the guild was "unavailable" in READY). */
export function guildCreate(channels: Map<string, EmulatedChannel>) {
  const all = [...channels.values()];
  return {
    id: IDS.guild,
    name: "PromptMart Community",
    icon: null,
    splash: null,
    discovery_splash: null,
    owner_id: IDS.staff,
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: 1,
    default_message_notifications: 1,
    explicit_content_filter: 2,
    roles: [
      role(IDS.guild, "@everyone", "2248473465835073", 0),
      role(IDS.staffRole, "Support staff", "17179869184", 1),
    ],
    emojis: [],
    stickers: [],
    features: ["COMMUNITY"],
    mfa_level: 0,
    application_id: null,
    system_channel_id: IDS.general,
    system_channel_flags: 0,
    rules_channel_id: null,
    public_updates_channel_id: null,
    safety_alerts_channel_id: null,
    vanity_url_code: null,
    description: null,
    banner: null,
    premium_tier: 0,
    premium_subscription_count: 0,
    preferred_locale: "en-US",
    max_video_channel_users: 25,
    nsfw_level: 0,
    premium_progress_bar_enabled: false,
    joined_at: "2024-01-01T00:00:00.000000+00:00",
    large: false,
    unavailable: false,
    member_count: 4,
    voice_states: [],
    members: [member(USERS.bot)],
    channels: all.filter((channel) => channel.type !== 11 && channel.type !== 12),
    threads: all.filter((channel) => channel.type === 11 || channel.type === 12),
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}
