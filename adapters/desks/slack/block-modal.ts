import type { types } from "@slack/bolt";
import { z } from "zod";
import { BLOCK_DURATION_CHOICES } from "../../../src/abuse/block-duration.ts";
import { escapeMrkdwn } from "./mrkdwn.ts";
import type { CustomerRef } from "./packet-blocks.ts";
import { parseViewSubmission } from "./view-submission.ts";

/** `callback_id` of the Block form; its submission arrives as `view_submission`. */
export const BLOCK_VIEW_ID = "customer_block";
/** Block and input ids of the form's fields (errors are reported per block id). */
export const BLOCK_FIELDS = { reason: "block_reason", duration: "block_duration" } as const;

/** What the form carries between opening and submission (`private_metadata`). */
const metadataSchema = z.object({
  conversation: z.string(),
  channel: z.string(),
  userId: z.string(),
  /** The packet the Block button was pressed on, to tell the person there. */
  packet: z.object({ channel: z.string(), ts: z.string() }).optional(),
});
export type BlockFormMetadata = z.infer<typeof metadataSchema>;

/**
 * The form asking why (required, up to 500 characters: it is kept on record) and for how long.
 * @see https://docs.slack.dev/surfaces/modals
 * @see https://docs.slack.dev/reference/block-kit/blocks/input-block
 */
export function blockModal(metadata: BlockFormMetadata): types.ModalView {
  const options = BLOCK_DURATION_CHOICES.map((choice) => ({
    text: { type: "plain_text" as const, text: choice.label },
    value: choice.value,
  }));
  const initial = options.find((option) => option.value === "7d");
  return {
    type: "modal",
    callback_id: BLOCK_VIEW_ID,
    private_metadata: JSON.stringify(metadata),
    title: { type: "plain_text", text: "Block customer" },
    submit: { type: "plain_text", text: "Block" },
    close: { type: "plain_text", text: "Cancel" },
    blocks: [
      {
        type: "section",
        text: {
          type: "mrkdwn",
          text: `The bot will tell \`${escapeMrkdwn(metadata.userId)}\` on *${escapeMrkdwn(metadata.channel)}* once that they can no longer message support, then ignore them. The block is kept on record with your name.`,
        },
      },
      {
        type: "input",
        block_id: BLOCK_FIELDS.reason,
        label: { type: "plain_text", text: "Reason (kept on record)" },
        element: {
          type: "plain_text_input",
          action_id: "value",
          multiline: true,
          max_length: 500,
          placeholder: { type: "plain_text", text: "e.g. 5,000 spam messages in a minute" },
        },
      },
      {
        type: "input",
        block_id: BLOCK_FIELDS.duration,
        label: { type: "plain_text", text: "For how long" },
        element: {
          type: "static_select",
          action_id: "value",
          options,
          ...(initial ? { initial_option: initial } : {}),
        },
      },
    ],
  };
}

/** A submitted Block form: who pressed Block, on whom, and what they entered. */
export interface BlockSubmission {
  slackUser: { id: string; name?: string | undefined };
  target: BlockFormMetadata;
  reason: string;
  duration: string;
}

/** Reads a `view_submission` body; `undefined` when it is not a Block form Switchboard opened. */
export function parseBlockSubmission(body: unknown): BlockSubmission | undefined {
  const submission = parseViewSubmission(body, metadataSchema);
  if (!submission) return undefined;
  return {
    slackUser: submission.slackUser,
    target: submission.metadata,
    reason: submission.field(BLOCK_FIELDS.reason),
    duration: submission.field(BLOCK_FIELDS.duration),
  };
}

/** Reads a Block / Unblock button's value. */
export function parseCustomerRef(value: string | undefined): CustomerRef | undefined {
  if (!value) return undefined;
  try {
    const parsed = z
      .object({ conversation: z.string(), channel: z.string(), userId: z.string() })
      .safeParse(JSON.parse(value));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
