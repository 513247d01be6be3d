import type { types } from "@slack/bolt";
import { z } from "zod";
import { escapeMrkdwn } from "./mrkdwn.ts";

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

/** @see https://docs.slack.dev/reference/interaction-payloads/view-interactions-payload#view_submission */
const submissionSchema = z.object({
  user: z.object({ id: z.string(), name: z.string().optional(), username: z.string().optional() }),
  view: z.object({
    private_metadata: z.string(),
    state: z.object({
      values: z.record(
        z.string(),
        z.record(z.string(), z.object({ value: z.string().nullish() }).passthrough()),
      ),
    }),
  }),
});

export interface TransferSubmission {
  slackUser: { id: string; name: string | undefined };
  target: TransferFormMetadata;
  note: string;
}

/** Reads a submitted Transfer form; undefined when it is not one of ours. */
export function parseTransferSubmission(body: unknown): TransferSubmission | undefined {
  const parsed = submissionSchema.safeParse(body);
  if (!parsed.success) return undefined;
  let metadata: unknown;
  try {
    metadata = JSON.parse(parsed.data.view.private_metadata);
  } catch {
    return undefined;
  }
  const target = metadataSchema.safeParse(metadata);
  if (!target.success) return undefined;
  return {
    slackUser: { id: parsed.data.user.id, name: parsed.data.user.name ?? parsed.data.user.username },
    target: target.data,
    note: parsed.data.view.state.values[TRANSFER_NOTE_FIELD]?.value?.value?.trim() ?? "",
  };
}
