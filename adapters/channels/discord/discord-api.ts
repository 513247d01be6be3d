import { randomBytes } from "node:crypto";
import {
  type APIAllowedMentions,
  type APIInteractionResponse,
  DiscordAPIError,
  type REST,
  type RESTPostAPIChannelThreadsJSONBody,
  Routes,
} from "discord.js";
import { z } from "zod";
import { type RetryOptions, withRetry } from "./send-with-retry.ts";

/** @see https://discord.com/developers/docs/topics/opcodes-and-status-codes#json-json-error-codes */
export const ALREADY_ACKNOWLEDGED = 40060;

/** A message body for create, edit and follow-up (the fields the adapter sets). */
export interface MessagePayload {
  content?: string;
  /** Action rows; rendered by `renderButtons` or echoed back from a pressed message. */
  components?: readonly object[];
  allowed_mentions?: APIAllowedMentions;
  /** 64 = EPHEMERAL (interaction responses only). */
  flags?: number;
  message_reference?: { message_id: string; fail_if_not_exists: boolean };
}

/** The part of a created message or channel the adapter reads back. */
const createdSchema = z.object({ id: z.string(), type: z.number().optional() });
export type Created = z.infer<typeof createdSchema>;

/** A channel as `GET /channels/{id}` returns it (the fields the adapter reads). */
export const apiChannelSchema = z.object({
  id: z.string(),
  type: z.number(),
  guild_id: z.string().optional(),
  parent_id: z.string().nullish(),
  owner_id: z.string().optional(),
  name: z.string().nullish(),
});
export type ApiChannel = z.infer<typeof apiChannelSchema>;

/**
 * Every REST call the adapter makes, in one injectable place: tests and logs see exactly what is
 * sent, and every call goes through {@link withRetry}.
 */
export interface DiscordApi {
  /** @see https://discord.com/developers/docs/resources/message#create-message */
  createMessage(channelId: string, body: MessagePayload): Promise<Created>;
  /** @see https://discord.com/developers/docs/resources/message#edit-message */
  editMessage(channelId: string, messageId: string, body: MessagePayload): Promise<void>;
  /** @see https://discord.com/developers/docs/interactions/receiving-and-responding#create-interaction-response */
  respondToInteraction(interactionId: string, token: string, body: APIInteractionResponse): Promise<void>;
  /** @see https://discord.com/developers/docs/interactions/receiving-and-responding#edit-original-interaction-response */
  editOriginal(applicationId: string, token: string, body: MessagePayload): Promise<void>;
  /** @see https://discord.com/developers/docs/interactions/receiving-and-responding#delete-original-interaction-response */
  deleteOriginal(applicationId: string, token: string): Promise<void>;
  /** @see https://discord.com/developers/docs/interactions/receiving-and-responding#create-followup-message */
  followUp(applicationId: string, token: string, body: MessagePayload): Promise<Created>;
  /** @see https://discord.com/developers/docs/interactions/receiving-and-responding#edit-followup-message */
  editFollowUp(applicationId: string, token: string, messageId: string, body: MessagePayload): Promise<void>;
  /** @see https://discord.com/developers/docs/resources/channel#start-thread-without-message */
  createThread(channelId: string, body: RESTPostAPIChannelThreadsJSONBody): Promise<Created>;
  /** @see https://discord.com/developers/docs/resources/channel#add-thread-member */
  addThreadMember(threadId: string, userId: string): Promise<void>;
  /** @see https://discord.com/developers/docs/resources/user#create-dm */
  openDm(userId: string): Promise<Created>;
  /** @see https://discord.com/developers/docs/resources/channel#get-channel */
  getChannel(channelId: string): Promise<ApiChannel>;
}

/** A nonce for `enforce_nonce`: at most 25 characters, unique per logical message. */
export function createNonce(): string {
  return randomBytes(12).toString("hex");
}

/**
 * The REST façade over discord.js's `REST` (which queues per route and waits out 429s).
 * Interaction and webhook endpoints are authenticated by their token, not the bot token.
 */
export function createDiscordApi(rest: REST, retry: RetryOptions = {}): DiscordApi {
  const run = <T>(operation: string, call: () => Promise<T>) => withRetry(operation, call, retry);
  return {
    async createMessage(channelId, body) {
      // One nonce for all attempts: a retry after a lost response returns the first message.
      const withNonce = { ...body, nonce: createNonce(), enforce_nonce: true };
      const created = await run(`sending a message to channel ${channelId}`, () =>
        rest.post(Routes.channelMessages(channelId), { body: withNonce }),
      );
      return createdSchema.parse(created);
    },
    async editMessage(channelId, messageId, body) {
      await run(`editing message ${messageId} in channel ${channelId}`, () =>
        rest.patch(Routes.channelMessage(channelId, messageId), { body }),
      );
    },
    async respondToInteraction(interactionId, token, body) {
      let attempt = 0;
      await run(`acknowledging interaction ${interactionId}`, async () => {
        attempt++;
        try {
          await rest.post(Routes.interactionCallback(interactionId, token), { body, auth: false });
        } catch (error) {
          // A retry whose first attempt did arrive: "already acknowledged" means it worked.
          if (attempt > 1 && error instanceof DiscordAPIError && error.code === ALREADY_ACKNOWLEDGED) return;
          throw error;
        }
      });
    },
    async editOriginal(applicationId, token, body) {
      await run("editing an interaction response", () =>
        rest.patch(Routes.webhookMessage(applicationId, token, "@original"), { body, auth: false }),
      );
    },
    async deleteOriginal(applicationId, token) {
      await run("deleting an interaction response", () =>
        rest.delete(Routes.webhookMessage(applicationId, token, "@original"), { auth: false }),
      );
    },
    async followUp(applicationId, token, body) {
      const created = await run("sending an interaction follow-up", () =>
        rest.post(Routes.webhook(applicationId, token), { body, auth: false }),
      );
      return createdSchema.parse(created);
    },
    async editFollowUp(applicationId, token, messageId, body) {
      await run("editing an interaction follow-up", () =>
        rest.patch(Routes.webhookMessage(applicationId, token, messageId), { body, auth: false }),
      );
    },
    async createThread(channelId, body) {
      const created = await run(`creating a thread in channel ${channelId}`, () =>
        rest.post(Routes.threads(channelId), { body }),
      );
      return createdSchema.parse(created);
    },
    async addThreadMember(threadId, userId) {
      await run(`adding user ${userId} to thread ${threadId}`, () =>
        rest.put(Routes.threadMembers(threadId, userId)),
      );
    },
    async openDm(userId) {
      const created = await run(`opening a DM with user ${userId}`, () =>
        rest.post(Routes.userChannels(), { body: { recipient_id: userId } }),
      );
      return createdSchema.parse(created);
    },
    async getChannel(channelId) {
      const channel = await run(`looking up channel ${channelId}`, () => rest.get(Routes.channel(channelId)));
      return apiChannelSchema.parse(channel);
    },
  };
}
