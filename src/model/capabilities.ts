import { z } from "zod";

/** What a channel can render; flows and the outbound step adapt to it. */
export const capabilitiesSchema = z.object({
  /** Inline buttons that come back as actions. Without them, buttons become a numbered list. */
  buttons: z.boolean(),
  /** Buttons that open a URL. Without them, links are rendered inline in the text. */
  linkButtons: z.boolean(),
  /** Conversations can be threaded (Slack threads, Discord threads). */
  threads: z.boolean(),
  /** Sent messages can be edited afterwards (streaming, disabling used buttons). */
  edits: z.boolean(),
  /** Markdown formatting is rendered (otherwise plain text). */
  markdown: z.boolean(),
  /** Cards (structured summaries such as a ticket acknowledgement) are shown; otherwise dropped. */
  cards: z.boolean().optional(),
  /** Longest text the platform accepts in one message; longer replies are split. */
  maxMessageLength: z.number().int().positive(),
});
export type Capabilities = z.infer<typeof capabilitiesSchema>;
