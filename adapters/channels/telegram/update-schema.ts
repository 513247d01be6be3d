import { z } from "zod";

/*
 * The parts of Telegram's Update the adapter reads, validated at the boundary. Unknown fields are
 * dropped here; the untouched update still rides along on the event's `raw`.
 * @see https://core.telegram.org/bots/api#update
 */

/** @see https://core.telegram.org/bots/api#user */
export const telegramUserSchema = z.object({
  id: z.number().int(),
  is_bot: z.boolean().optional(),
  first_name: z.string().optional(),
  last_name: z.string().optional(),
  username: z.string().optional(),
  language_code: z.string().optional(),
});
export type TelegramUser = z.infer<typeof telegramUserSchema>;

/** @see https://core.telegram.org/bots/api#chat */
export const telegramChatSchema = z.object({
  id: z.number().int(),
  type: z.enum(["private", "group", "supergroup", "channel"]),
});

/** @see https://core.telegram.org/bots/api#messageentity */
const entitySchema = z.object({
  type: z.string(),
  offset: z.number().int().min(0),
  length: z.number().int().min(0),
  user: telegramUserSchema.optional(),
});
export type TelegramEntity = z.infer<typeof entitySchema>;

/** @see https://core.telegram.org/bots/api#message */
export const telegramMessageSchema = z.object({
  message_id: z.number().int(),
  date: z.number().optional(),
  chat: telegramChatSchema,
  from: telegramUserSchema.optional(),
  text: z.string().optional(),
  caption: z.string().optional(),
  entities: z.array(entitySchema).optional(),
  caption_entities: z.array(entitySchema).optional(),
  message_thread_id: z.number().int().optional(),
  is_topic_message: z.boolean().optional(),
  reply_to_message: z
    .object({ message_id: z.number().int(), from: telegramUserSchema.optional() })
    .optional(),
});
export type TelegramMessage = z.infer<typeof telegramMessageSchema>;

/**
 * `message` is absent for buttons under inline-mode messages, and its `message_id` is optional
 * here because some emulators leave it out.
 * @see https://core.telegram.org/bots/api#callbackquery
 */
export const telegramCallbackQuerySchema = z.object({
  id: z.string(),
  from: telegramUserSchema,
  data: z.string().optional(),
  message: z
    .object({
      message_id: z.number().int().optional(),
      chat: telegramChatSchema,
      message_thread_id: z.number().int().optional(),
      is_topic_message: z.boolean().optional(),
      reply_markup: z.unknown().optional(),
    })
    .optional(),
});
export type TelegramCallbackQuery = z.infer<typeof telegramCallbackQuerySchema>;

/** Just enough to route an update: its id and which kind it is. */
export const telegramUpdateSchema = z.looseObject({ update_id: z.number().int().min(0) });
export type TelegramUpdate = z.infer<typeof telegramUpdateSchema>;
