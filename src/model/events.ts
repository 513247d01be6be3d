import { z } from "zod";
import { addressStringSchema } from "./address.ts";
import { userSchema } from "./user.ts";
import { wellFormedString } from "./well-formed.ts";

/** Longest inbound text accepted (1 MB); understanding reads only the head of long messages. */
export const MAX_INBOUND_TEXT = 1_000_000;

// Every string a client controls comes out well-formed (a lone surrogate becomes U+FFFD): flows,
// stores and platform SDKs downstream never see ill-formed UTF-16 (see well-formed.ts).
const baseEvent = {
  /** Platform event id (Telegram `update_id`, Slack `event_id`, …): the idempotency key. */
  id: wellFormedString().min(1).max(256),
  /** Encoded conversation address, `channel:conversation[:thread]`. */
  conversation: addressStringSchema,
  user: userSchema,
  /**
   * `group` when others can read the conversation (a Telegram group, a public Discord channel):
   * flows then keep personal matters out of it. Absent means private.
   */
  scope: z.enum(["private", "group"]).optional(),
  /**
   * Where an anonymous client comes from (the web chat: its IP address, normalised by
   * `clientKeyFromAddress`), so rate limits still hold when it rotates sessions. Flows never read it.
   */
  clientKey: z.string().min(1).max(256).optional(),
  /** When the platform says the event happened (ISO 8601). */
  timestamp: z.iso.datetime({ offset: true }).optional(),
  /** The untouched platform payload, for debugging only: flows never read it. */
  raw: z.unknown().optional(),
};

export const messageEventSchema = z.object({
  ...baseEvent,
  type: z.literal("message"),
  text: wellFormedString().max(MAX_INBOUND_TEXT),
});

export const actionEventSchema = z.object({
  ...baseEvent,
  type: z.literal("action"),
  /** The `action` of the pressed button. */
  action: wellFormedString().min(1).max(64),
  value: wellFormedString().max(256).optional(),
});

export const commandEventSchema = z.object({
  ...baseEvent,
  type: z.literal("command"),
  /** Command name without the slash, lower-case (`ticket`, `help`). */
  command: z
    .string()
    .regex(/^[a-z][a-z0-9_-]{0,31}$/, "command names are lower-case letters, digits, _ or -"),
  args: wellFormedString().max(MAX_INBOUND_TEXT).default(""),
  /**
   * A submitted form's fields by name (the Discord ticket modal: `description`, `orderNumber`).
   * Structured input stays structured: a flow reads the fields and never re-parses `args`.
   */
  fields: z
    .record(
      z.string().regex(/^[a-z][A-Za-z0-9_]{0,31}$/, "field names are camelCase letters, digits or _"),
      wellFormedString().max(MAX_INBOUND_TEXT),
    )
    .refine((fields) => Object.keys(fields).length <= 25, "a form has at most 25 fields")
    .optional(),
});

export const systemEventSchema = z.object({
  ...baseEvent,
  type: z.literal("system"),
  /** `conversation.started`, `member.joined`, … */
  name: wellFormedString().min(1).max(64),
  data: z.record(z.string(), z.unknown()).optional(),
});

/** Everything an adapter can hand to the core. */
export const inboundEventSchema = z.discriminatedUnion("type", [
  messageEventSchema,
  actionEventSchema,
  commandEventSchema,
  systemEventSchema,
]);

export type InboundEvent = z.infer<typeof inboundEventSchema>;
export type InboundEventInput = z.input<typeof inboundEventSchema>;
export type MessageEvent = z.infer<typeof messageEventSchema>;
export type ActionEvent = z.infer<typeof actionEventSchema>;
export type CommandEvent = z.infer<typeof commandEventSchema>;
export type SystemEvent = z.infer<typeof systemEventSchema>;
