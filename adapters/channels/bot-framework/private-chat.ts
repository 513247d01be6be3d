import { type CloudAdapter, TurnContext } from "botbuilder";
import { conversationReferenceSchema, type StoredReference } from "./conversation-references.ts";

/** A channel member's account as the channel knows it (Teams: `29:…`), by Switchboard user id. */
export interface MemberAccount {
  id: string;
  name?: string;
}

/**
 * Opens a personal chat between the bot and one member of a Teams group chat or channel (a personal
 * matter leaving the group), and returns the new conversation's reference. Teams only: Web Chat and
 * Direct Line conversations are personal already.
 * @see https://learn.microsoft.com/microsoftteams/platform/bots/how-to/conversations/send-proactive-messages#create-the-conversation
 */
export async function openTeamsPersonalChat(options: {
  cloud: CloudAdapter;
  appId: string;
  /** The bot's audience for the connector (ToChannelFromBotOAuthScope). */
  audience: string;
  group: StoredReference;
  member: MemberAccount;
}): Promise<StoredReference | undefined> {
  const { group, member } = options;
  if (group.channelId !== "msteams") return undefined;
  const tenantId = typeof group.conversation.tenantId === "string" ? group.conversation.tenantId : undefined;
  let created: StoredReference | undefined;
  await options.cloud.createConversationAsync(
    options.appId,
    group.channelId,
    group.serviceUrl,
    options.audience,
    {
      isGroup: false,
      bot: { id: group.bot.id, name: typeof group.bot.name === "string" ? group.bot.name : "" },
      members: [{ id: member.id, name: member.name ?? "" }],
      // Teams creates the chat in the group's tenant.
      channelData: tenantId ? { tenant: { id: tenantId } } : {},
      ...(tenantId ? { tenantId } : {}),
    },
    async (context) => {
      created = conversationReferenceSchema.parse(TurnContext.getConversationReference(context.activity));
    },
  );
  return created;
}
