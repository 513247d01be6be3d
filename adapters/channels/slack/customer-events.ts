import { z } from "zod";

/** @see https://docs.slack.dev/reference/events/message */
export const customerMessageSchema = z.object({
  type: z.string(),
  channel: z.string(),
  channel_type: z.string().optional(),
  ts: z.string(),
  thread_ts: z.string().optional(),
  user: z.string().optional(),
  bot_id: z.string().optional(),
  subtype: z.string().optional(),
  text: z.string().optional(),
  /** The user's workspace; another one than the app's in a Slack Connect channel. */
  user_team: z.string().optional(),
});
export type CustomerMessage = z.infer<typeof customerMessageSchema>;

/** The Events API envelope's fields the adapter reads (`event_id` is the same on every retry). */
export const envelopeSchema = z.object({ event_id: z.string().min(1) });

/** @see https://docs.slack.dev/reference/interaction-payloads/block_actions-payload */
export const choiceActionSchema = z.object({
  user: z.object({ id: z.string(), name: z.string().optional(), username: z.string().optional() }),
  container: z.object({ channel_id: z.string(), message_ts: z.string(), thread_ts: z.string().optional() }),
  message: z.object({
    ts: z.string(),
    thread_ts: z.string().optional(),
    blocks: z.array(z.record(z.string(), z.unknown())).optional(),
  }),
  channel: z.object({ id: z.string() }).optional(),
  actions: z
    .array(z.object({ action_id: z.string(), value: z.string().optional(), action_ts: z.string() }))
    .min(1),
});

/**
 * A customer's Slack text as plain Markdown-free text: mentions of the bot dropped, other user and
 * channel mentions and links shown by their label, Slack's three escaped characters decoded.
 * @see https://docs.slack.dev/messaging/formatting-message-text#escaping
 */
export function customerText(mrkdwn: string, botUserId: string | undefined): string {
  return mrkdwn
    .replace(/<@([A-Z0-9]+)(?:\|([^>]*))?>/g, (_all, id: string, name?: string) =>
      id === botUserId ? " " : name ? `@${name}` : "@someone",
    )
    .replace(/<#[A-Z0-9]+\|([^>]*)>/g, "#$1")
    .replace(/<(https?:[^|>]+)\|([^>]+)>/g, "$2")
    .replace(/<(https?:[^>]+)>/g, "$1")
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&amp;", "&")
    .replace(/\s+/g, " ")
    .trim();
}
