import { ChannelType, type Client } from "discord.js";
import type { DiscordApi } from "./discord-api.ts";

/** What the adapter needs to know about a channel to address and scope a conversation. */
export interface ChannelInfo {
  id: string;
  type: number;
  guildId?: string;
  /** The text or forum channel a thread belongs to. */
  parentId?: string;
  /** Who created a thread (the bot, for private support threads). */
  ownerId?: string;
  name?: string;
}

/** @see https://discord.com/developers/docs/resources/channel#channel-object-channel-types */
export function isThreadType(type: number): boolean {
  return (
    type === ChannelType.PublicThread ||
    type === ChannelType.PrivateThread ||
    type === ChannelType.AnnouncementThread
  );
}

/** `discord:<channel>`, or `discord:<parent>:<thread>` for a thread. */
export function addressOf(channel: ChannelInfo): string {
  return isThreadType(channel.type) && channel.parentId
    ? `discord:${channel.parentId}:${channel.id}`
    : `discord:${channel.id}`;
}

/** DMs and private threads are private; anything else in a server can be read by others. */
export function scopeOf(channel: ChannelInfo): "private" | "group" {
  return channel.type === ChannelType.DM ||
    channel.type === ChannelType.GroupDM ||
    channel.type === ChannelType.PrivateThread
    ? "private"
    : "group";
}

export interface ChannelResolver {
  /**
   * From the gateway cache, else `GET /channels/{id}` (a thread created while we were away). Calls
   * for one channel settle in the order they were made.
   */
  resolve(channelId: string): Promise<ChannelInfo>;
  /** Records a channel the adapter created, so it resolves without a request. */
  remember(channel: ChannelInfo): void;
}

function fromCache(client: Client, channelId: string): ChannelInfo | undefined {
  const channel = client.channels.cache.get(channelId);
  if (!channel) return undefined;
  const info: ChannelInfo = { id: channel.id, type: channel.type };
  if ("guildId" in channel && channel.guildId) info.guildId = channel.guildId;
  if ("name" in channel && channel.name) info.name = channel.name;
  if (channel.isThread()) {
    if (channel.parentId) info.parentId = channel.parentId;
    if (channel.ownerId) info.ownerId = channel.ownerId;
  }
  return info;
}

export function createChannelResolver(client: Client, api: DiscordApi, options: { maxKnown?: number } = {}) {
  const maxKnown = options.maxKnown ?? 2_000;
  const known = new Map<string, ChannelInfo>();

  function remember(channel: ChannelInfo): void {
    known.delete(channel.id);
    known.set(channel.id, channel);
    if (known.size > maxKnown) {
      const oldest = known.keys().next().value;
      if (oldest !== undefined) known.delete(oldest);
    }
  }

  // Lookups in flight by channel: a second message of the channel waits on the same lookup, so
  // messages leave the resolver in the order they arrived (the core orders them from there).
  const pending = new Map<string, Promise<ChannelInfo>>();

  async function lookUp(channelId: string): Promise<ChannelInfo> {
    const fetched = await api.getChannel(channelId);
    const info: ChannelInfo = { id: fetched.id, type: fetched.type };
    if (fetched.guild_id) info.guildId = fetched.guild_id;
    if (fetched.parent_id) info.parentId = fetched.parent_id;
    if (fetched.owner_id) info.ownerId = fetched.owner_id;
    if (fetched.name) info.name = fetched.name;
    remember(info);
    return info;
  }

  const resolver: ChannelResolver = {
    resolve(channelId) {
      const inFlight = pending.get(channelId);
      if (inFlight) return inFlight;
      const cached = fromCache(client, channelId) ?? known.get(channelId);
      if (cached) return Promise.resolve(cached);
      const lookup = lookUp(channelId);
      pending.set(channelId, lookup);
      const clear = () => {
        if (pending.get(channelId) === lookup) pending.delete(channelId);
      };
      lookup.then(clear, clear);
      return lookup;
    },
    remember,
  };
  return resolver;
}
