import { z } from "zod";
import { BLOCK_DURATION_PATTERN, parseBlockDuration } from "./block-duration.ts";

/** A person acting on the desk (Slack user, local desk agent). */
export const blockActorSchema = z.object({
  id: z.string().trim().min(1, "actor.id is required").max(128),
  name: z.string().trim().min(1, "actor.name is required").max(80),
});
export type BlockActor = z.infer<typeof blockActorSchema>;

/** A customer, as the core knows them: the channel and their id on it. */
export const blockedUserSchema = z.object({
  channel: z.string().trim().min(1, "channel is required").max(32),
  userId: z.string().trim().min(1, "userId is required").max(256),
});
export type BlockedUser = z.infer<typeof blockedUserSchema>;

/** What a person asks for when blocking: who, why (required), for how long, and by whom. */
export const blockRequestSchema = blockedUserSchema.extend({
  reason: z
    .string({ error: "reason is required: say why the customer is blocked (it is kept on record)" })
    .trim()
    .min(1, "reason is required: say why the customer is blocked (it is kept on record)")
    .max(500, "reason is limited to 500 characters"),
  duration: z
    .string({ error: "duration is required: e.g. 1h, 24h, 7d, 30d or permanent" })
    .trim()
    .regex(BLOCK_DURATION_PATTERN, "duration must be like 30m, 2h, 7d, 4w or permanent")
    .refine(
      (value) => parseBlockDuration(value) !== undefined,
      "duration must be between 1 minute and 10 years",
    ),
  actor: blockActorSchema,
  /** The conversation the block was decided from (a hand-off), for the record. */
  conversation: z.string().max(512).optional(),
});
export type BlockRequest = z.input<typeof blockRequestSchema>;

/** What a person asks for when unblocking. */
export const unblockRequestSchema = blockedUserSchema.extend({
  actor: blockActorSchema,
  reason: z.string().trim().max(500, "reason is limited to 500 characters").optional(),
});
export type UnblockRequest = z.input<typeof unblockRequestSchema>;

/** One block on record, active or not: who was blocked, by whom, when, why, until when; and its end. */
export const userBlockSchema = z.object({
  id: z.number().int(),
  channel: z.string(),
  userId: z.string(),
  conversation: z.string().nullable(),
  reason: z.string(),
  blockedBy: blockActorSchema,
  blockedAt: z.number(),
  /** `null`: permanent. */
  expiresAt: z.number().nullable(),
  /** When the user was told (once per block). */
  notifiedAt: z.number().nullable(),
  /** Set when someone unblocked the user; the record stays. */
  lifted: z.object({ by: blockActorSchema, at: z.number(), reason: z.string().nullable() }).nullable(),
});
export type UserBlock = z.infer<typeof userBlockSchema>;

/** Whether a block applies at `now`: not lifted, and permanent or not yet expired. */
export function isActiveBlock(block: UserBlock, now: number): boolean {
  return block.lifted === null && (block.expiresAt === null || block.expiresAt > now);
}

const nullableText = z.string().nullable();
const int = z.coerce.number();
const nullableInt = z.union([z.null(), z.coerce.number()]);

/** A `user_blocks` row, the same on both engines (timestamps are epoch-ms integers). */
export const userBlockRowSchema = z
  .object({
    id: int,
    channel: z.string(),
    user_id: z.string(),
    conversation: nullableText,
    reason: z.string(),
    blocked_by_id: z.string(),
    blocked_by_name: z.string(),
    blocked_at: int,
    expires_at: nullableInt,
    notified_at: nullableInt,
    lifted_at: nullableInt,
    lifted_by_id: nullableText,
    lifted_by_name: nullableText,
    lift_reason: nullableText,
  })
  .transform((row) =>
    userBlockSchema.parse({
      id: row.id,
      channel: row.channel,
      userId: row.user_id,
      conversation: row.conversation,
      reason: row.reason,
      blockedBy: { id: row.blocked_by_id, name: row.blocked_by_name },
      blockedAt: row.blocked_at,
      expiresAt: row.expires_at,
      notifiedAt: row.notified_at,
      lifted:
        row.lifted_at === null
          ? null
          : {
              by: { id: row.lifted_by_id ?? "unknown", name: row.lifted_by_name ?? "unknown" },
              at: row.lifted_at,
              reason: row.lift_reason,
            },
    }),
  );
