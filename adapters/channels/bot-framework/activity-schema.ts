import { z } from "zod";

const account = z.looseObject({
  id: z.string().min(1),
  name: z.string().optional(),
  aadObjectId: z.string().optional(),
  role: z.string().optional(),
});

/**
 * The part of a Bot Framework Activity the adapter reads. Unknown fields pass through (they ride
 * along on the event's `raw`), so a channel adding fields never breaks parsing.
 * @see https://github.com/microsoft/botframework-sdk/blob/main/specs/botframework-activity/botframework-activity.md
 */
export const inboundActivitySchema = z.looseObject({
  type: z.string().min(1),
  id: z.string().min(1).optional(),
  /** ISO 8601 on the wire; botbuilder has made it a `Date` by the time the turn runs. */
  timestamp: z.union([z.string(), z.date()]).optional(),
  channelId: z.string().min(1),
  serviceUrl: z.string().min(1),
  from: account,
  recipient: account,
  conversation: z.looseObject({
    id: z.string().min(1),
    /** Teams: `personal`, `groupChat` or `channel`. */
    conversationType: z.string().optional(),
    isGroup: z.boolean().optional(),
    tenantId: z.string().optional(),
  }),
  text: z.string().optional(),
  locale: z.string().optional(),
  name: z.string().optional(),
  replyToId: z.string().optional(),
  value: z.unknown().optional(),
  entities: z.array(z.looseObject({ type: z.string() })).optional(),
  membersAdded: z.array(account).optional(),
});
export type InboundActivity = z.infer<typeof inboundActivitySchema>;

/**
 * What a Switchboard card button submits (Adaptive Card `Action.Submit` data, a hero card's
 * `messageBack` value): it comes back as the activity's `value`.
 */
export const buttonValueSchema = z.object({
  switchboard: z.object({ action: z.string().min(1).max(64), value: z.string().max(256).optional() }),
});
export type ButtonValue = z.infer<typeof buttonValueSchema>;

/** A Teams/Web Chat mention entity. */
export const mentionSchema = z.object({
  type: z.literal("mention"),
  mentioned: z.object({ id: z.string() }),
  text: z.string().optional(),
});
