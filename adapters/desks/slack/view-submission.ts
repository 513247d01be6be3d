import { z } from "zod";

/** @see https://docs.slack.dev/reference/interaction-payloads/view-interactions-payload#view_submission */
const submissionSchema = z.object({
  user: z.object({ id: z.string(), name: z.string().optional(), username: z.string().optional() }),
  view: z.object({
    private_metadata: z.string(),
    state: z.object({
      values: z.record(
        z.string(),
        z.record(
          z.string(),
          z.object({
            value: z.string().nullish(),
            selected_option: z.object({ value: z.string() }).nullish(),
          }),
        ),
      ),
    }),
  }),
});

/** A submitted form Switchboard opened: who sent it, what it carried, and its fields by block id. */
export interface ViewSubmission<Metadata> {
  slackUser: { id: string; name: string | undefined };
  metadata: Metadata;
  /** A text field's value, or a select's chosen value ("" when empty). */
  field(blockId: string): string;
}

/**
 * Reads a `view_submission` body whose `private_metadata` must match `metadata`; `undefined` when it
 * is not a form of ours (malformed, or metadata of another shape).
 */
export function parseViewSubmission<Metadata>(
  body: unknown,
  metadata: z.ZodType<Metadata>,
): ViewSubmission<Metadata> | undefined {
  const parsed = submissionSchema.safeParse(body);
  if (!parsed.success) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(parsed.data.view.private_metadata);
  } catch {
    return undefined;
  }
  const read = metadata.safeParse(raw);
  if (!read.success) return undefined;
  const { values } = parsed.data.view.state;
  return {
    slackUser: { id: parsed.data.user.id, name: parsed.data.user.name ?? parsed.data.user.username },
    metadata: read.data,
    field: (blockId) => values[blockId]?.value?.value ?? values[blockId]?.value?.selected_option?.value ?? "",
  };
}
