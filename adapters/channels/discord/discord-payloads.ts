import { z } from "zod";

/**
 * The fields of Discord's gateway payloads the adapter reads, validated at the boundary. Unknown
 * fields are ignored (Discord adds fields without notice); the untouched payload rides on `raw`.
 */

const userSchema = z.object({
  id: z.string(),
  username: z.string(),
  global_name: z.string().nullish(),
  bot: z.boolean().optional(),
});

const memberSchema = z.object({
  nick: z.string().nullish(),
  roles: z.array(z.string()).default([]),
});

/** @see https://discord.com/developers/docs/events/gateway-events#message-create */
export const gatewayMessageSchema = z.object({
  id: z.string(),
  channel_id: z.string(),
  guild_id: z.string().optional(),
  author: userSchema,
  member: memberSchema.optional(),
  /** Empty without the MessageContent intent, except in DMs and messages that mention the bot. */
  content: z.string().default(""),
  timestamp: z.string(),
  /** 0 DEFAULT, 19 REPLY; everything else is a system message. */
  type: z.number(),
  webhook_id: z.string().optional(),
  mentions: z.array(z.object({ id: z.string() })).default([]),
  referenced_message: z.object({ author: z.object({ id: z.string() }) }).nullish(),
  attachments: z.array(z.object({ filename: z.string().optional() })).default([]),
});
export type GatewayMessage = z.infer<typeof gatewayMessageSchema>;

const buttonSchema = z.looseObject({
  type: z.number(),
  style: z.number().optional(),
  custom_id: z.string().optional(),
});

/** A top-level component of a message; action rows (type 1) hold buttons. */
export const componentRowSchema = z.looseObject({
  type: z.number(),
  components: z.array(buttonSchema).optional(),
});
export type ComponentRow = z.infer<typeof componentRowSchema>;

/** A submitted modal input: its id and what the user typed. */
const submittedInputSchema = z.looseObject({
  type: z.number(),
  custom_id: z.string().optional(),
  value: z.string().optional(),
});

/** A top-level component of a submitted modal: a label holding one input, or a legacy action row. */
const submittedComponentSchema = z.looseObject({
  type: z.number(),
  component: submittedInputSchema.optional(),
  components: z.array(submittedInputSchema).optional(),
});
export type ModalSubmission = z.infer<typeof submittedComponentSchema>[];

const optionSchema = z.object({
  name: z.string(),
  type: z.number(),
  value: z.union([z.string(), z.number(), z.boolean()]).optional(),
});

/** @see https://discord.com/developers/docs/interactions/receiving-and-responding#interaction-object */
export const gatewayInteractionSchema = z.object({
  id: z.string(),
  application_id: z.string(),
  /** 2 APPLICATION_COMMAND, 3 MESSAGE_COMPONENT, 4 AUTOCOMPLETE, 5 MODAL_SUBMIT. */
  type: z.number(),
  token: z.string(),
  locale: z.string().optional(),
  guild_id: z.string().optional(),
  channel_id: z.string().optional(),
  channel: z
    .object({
      id: z.string(),
      type: z.number(),
      parent_id: z.string().nullish(),
      name: z.string().nullish(),
    })
    .optional(),
  /** Present in guilds; `user` is present in DMs. */
  member: memberSchema.extend({ user: userSchema }).optional(),
  user: userSchema.optional(),
  data: z
    .object({
      name: z.string().optional(),
      options: z.array(optionSchema).optional(),
      custom_id: z.string().optional(),
      component_type: z.number().optional(),
      /** What a submitted modal's inputs hold (MODAL_SUBMIT). */
      components: z.array(submittedComponentSchema).optional(),
    })
    .optional(),
  /** The message a pressed component is attached to; flag 64 marks it ephemeral. */
  message: z
    .object({
      id: z.string(),
      flags: z.number().optional(),
      components: z.array(componentRowSchema).default([]),
    })
    .optional(),
});
export type GatewayInteraction = z.infer<typeof gatewayInteractionSchema>;
