import { ChannelType, ThreadAutoArchiveDuration } from "discord.js";
import type { PrivateContinuation } from "../../../src/core/adapter.ts";
import type { Logger } from "../../../src/core/logger.ts";
import { decodeAddress } from "../../../src/model/address.ts";
import { type ChannelInfo, type ChannelResolver, scopeOf } from "./channel-resolver.ts";
import type { DiscordApi } from "./discord-api.ts";
import { allowedMentions } from "./discord-render.ts";
import { DiscordRefusedError } from "./send-with-retry.ts";

/** Private threads remembered as the bot's own; a long-running bot opens one per private question. */
export const OWN_THREADS_CAPACITY = 10_000;

/**
 * The threads the bot opened, bounded: past `capacity` the oldest is forgotten. Forgetting is safe
 * because a thread the bot created also names it as owner (`owner_id`), which the trigger checks
 * too; this set only spares that lookup for recent threads.
 */
export class OwnThreads extends Set<string> {
  constructor(readonly capacity = OWN_THREADS_CAPACITY) {
    super();
  }

  override add(threadId: string): this {
    super.delete(threadId);
    super.add(threadId);
    if (this.size > this.capacity) {
      const oldest = this.values().next();
      if (!oldest.done) this.delete(oldest.value);
    }
    return this;
  }
}

export interface PrivateThreadDeps {
  api: DiscordApi;
  channels: ChannelResolver;
  log: Logger;
  botUserId(): string | undefined;
  /** The user's name for the thread title, when the gateway cache knows it. */
  userName(userId: string): string | undefined;
  staffRoleId?: string;
  /** Threads opened here: everything said in them is for the bot. */
  ownThreads: Set<string>;
}

/** Only plain text channels can hold private threads (not forums, announcement channels or DMs). */
function canHostPrivateThread(channel: ChannelInfo | undefined): channel is ChannelInfo {
  return channel?.type === ChannelType.GuildText;
}

async function createPrivateThread(
  parent: ChannelInfo,
  userId: string,
  deps: PrivateThreadDeps,
): Promise<PrivateContinuation> {
  const name = `Private support · ${deps.userName(userId) ?? userId}`.slice(0, 100);
  const thread = await deps.api.createThread(parent.id, {
    name,
    type: ChannelType.PrivateThread,
    invitable: false,
    auto_archive_duration: ThreadAutoArchiveDuration.OneWeek,
  });
  deps.ownThreads.add(thread.id);
  const info: ChannelInfo = { id: thread.id, type: ChannelType.PrivateThread, parentId: parent.id, name };
  const owner = deps.botUserId();
  if (owner) info.ownerId = owner;
  if (parent.guildId) info.guildId = parent.guildId;
  deps.channels.remember(info);
  await deps.api.addThreadMember(thread.id, userId);
  if (deps.staffRoleId) {
    // Private threads are visible to members with Manage Threads; the ping adds the staff role's
    // members to the thread so they see it in their list. Only this role may be pinged.
    await deps.api
      .createMessage(thread.id, {
        content: `<@&${deps.staffRoleId}> private support thread for <@${userId}>.`,
        allowed_mentions: allowedMentions([deps.staffRoleId]),
      })
      .catch((error: unknown) =>
        deps.log.warn({ err: error, thread: thread.id }, "could not ping the staff role"),
      );
  }
  return { conversation: `discord:${parent.id}:${thread.id}` };
}

/**
 * Moves a conversation somewhere private: a private thread (invite-only) under the channel the
 * question came from, with the user added and the staff role pinged; a DM with the user when the
 * channel cannot hold private threads or the bot may not create them. Resolves `{}` when neither
 * is possible (the user does not accept DMs from server members).
 *
 * @see https://discord.com/developers/docs/resources/channel#start-thread-without-message
 * @see https://discord.com/developers/docs/resources/channel#add-thread-member
 * @see https://discord.com/developers/docs/resources/user#create-dm
 */
export async function openPrivateConversation(
  request: { conversation: string; userId: string; token: string },
  deps: PrivateThreadDeps,
): Promise<PrivateContinuation> {
  const address = decodeAddress(request.conversation);
  const here = await deps.channels.resolve(address.thread ?? address.conversation).catch(() => undefined);
  if (here && scopeOf(here) === "private") return { conversation: request.conversation };
  const parent =
    address.thread === undefined
      ? here
      : await deps.channels.resolve(address.conversation).catch(() => undefined);
  if (canHostPrivateThread(parent)) {
    try {
      return await createPrivateThread(parent, request.userId, deps);
    } catch (error) {
      if (!(error instanceof DiscordRefusedError)) throw error;
      deps.log.warn({ err: error, channel: parent.id }, "private thread not possible; opening a DM instead");
    }
  }
  try {
    const dm = await deps.api.openDm(request.userId);
    return { conversation: `discord:${dm.id}` };
  } catch (error) {
    if (!(error instanceof DiscordRefusedError)) throw error;
    deps.log.warn({ err: error, user: request.userId }, "could not open a DM either");
    return {};
  }
}
