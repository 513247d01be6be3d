import type { types } from "@slack/bolt";
import { z } from "zod";
import { escapeMrkdwn } from "./mrkdwn.ts";
import { parseViewSubmission } from "./view-submission.ts";

/** `callback_id` of the Transfer form; its submission arrives as `view_submission`. */
export const TRANSFER_VIEW_ID = "ticket_transfer";
/** Block id of the form's note field (errors are reported per block id). */
export const TRANSFER_NOTE_FIELD = "transfer_note";
/** A note is an internal line on the ticket: a few sentences, not a document. */
export const TRANSFER_NOTE_MAX = 500;

/** What the form carries between opening and submission (`private_metadata`). */
const metadataSchema = z.object({
  ticketId: z.string(),
  team: z.string(),
  /** The packet the select was used on, to tell the person there when the transfer fails. */
  packet: z.object({ channel: z.string(), ts: z.string() }),
});
export type TransferFormMetadata = z.infer<typeof metadataSchema>;

/**
 * The form asking for the note that goes with a transfer (optional: the receiving team sees it in
 * the ticket's thread, the customer never does).
 * @see https://docs.slack.dev/surfaces/modals
 */
export function transferModal(metadata: TransferFormMetadata): types.ModalView {
  return {
    type: "modal",
    callback_id: TRANSFER_VIEW_ID,
    private_metadata: JSON.stringify(metadata),
    title: { type: "plain_text", text: "Transfer ticket" },
    submit: { type: "plain_text", text: "Transfer" },
    close: { type: "plain_text", text: "Cancel" },
    blocks: [
      {
        type: "section",
        text: {
          type: "mrkdwn",
          text: `*${escapeMrkdwn(metadata.ticketId)}* moves to *${escapeMrkdwn(metadata.team)}*, unassigned. Its SLA clocks keep running; the customer is told a specialist has taken over.`,
        },
      },
      {
        type: "input",
        block_id: TRANSFER_NOTE_FIELD,
        optional: true,
        label: { type: "plain_text", text: "Note for the team (internal)" },
        element: {
          type: "plain_text_input",
          action_id: "value",
          multiline: true,
          max_length: TRANSFER_NOTE_MAX,
          placeholder: { type: "plain_text", text: "e.g. Charged twice, card ends 1111; needs a refund" },
        },
      },
    ],
  };
}

export interface TransferSubmission {
  slackUser: { id: string; name: string | undefined };
  target: TransferFormMetadata;
  note: string;
}

/** Reads a submitted Transfer form; undefined when it is not one of ours. */
export function parseTransferSubmission(body: unknown): TransferSubmission | undefined {
  const submission = parseViewSubmission(body, metadataSchema);
  if (!submission) return undefined;
  return {
    slackUser: submission.slackUser,
    target: submission.metadata,
    note: submission.field(TRANSFER_NOTE_FIELD).trim(),
  };
}
