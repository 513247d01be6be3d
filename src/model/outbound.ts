import { z } from "zod";

/**
 * A neutral button. `action` buttons come back to the core as an `action` event with the same
 * `action` and `value`; `link` buttons open a URL and never come back.
 */
export const buttonSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("action"),
    label: z.string().min(1).max(80),
    action: z.string().min(1).max(64),
    value: z.string().max(256).optional(),
  }),
  z.object({
    kind: z.literal("link"),
    label: z.string().min(1).max(80),
    url: z.url(),
  }),
]);
export type Button = z.infer<typeof buttonSchema>;
export type ActionButton = Extract<Button, { kind: "action" }>;

/**
 * One outbound message. `text` is the canonical Markdown subset: paragraphs, `**bold**`, `*italic*`,
 * `` `code` ``, `[label](url)` links and `- ` / `1. ` lists. Each adapter renders it for its platform.
 */
/**
 * A structured summary shown as a card where the channel has them (Discord embeds); elsewhere the
 * message's text already says the same and the card is dropped.
 */
export const cardSchema = z.object({
  title: z.string().min(1).max(256),
  fields: z
    .array(z.object({ label: z.string().min(1).max(256), value: z.string().min(1).max(1024) }))
    .max(25),
  tone: z.enum(["info", "success", "warning"]).optional(),
});
export type Card = z.infer<typeof cardSchema>;

export const outboundMessageSchema = z.object({
  text: z.string(),
  card: cardSchema.optional(),
  buttons: z.array(buttonSchema).optional(),
  /** Language the text is written in, so adapters can set `lang` attributes or pick fonts. */
  language: z.string().optional(),
});
export type OutboundMessage = z.infer<typeof outboundMessageSchema>;
