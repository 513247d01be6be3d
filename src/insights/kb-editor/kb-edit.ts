import { z } from "zod";
import { kbEntrySchema } from "../../kb/schema.ts";

/** Who made a change, as they named themselves on /insights (the desk's access rule let them in). */
const editorSchema = z
  .string()
  .trim()
  .min(1, "say who you are: your name is recorded with the change")
  .max(80);
const questionList = z.array(z.string().trim().min(1).max(500)).min(1);

/** Add wordings (e.g. a gap cluster's) as questions of an existing entry. */
export const addQuestionsSchema = z.object({
  kind: z.literal("add-questions"),
  editor: editorSchema,
  entryId: z.string().min(1),
  questions: z.record(z.string(), questionList),
  /** The gap cluster the wordings came from, for the change record. */
  clusterId: z.string().max(40).optional(),
});

/** Create a new entry, or replace an existing one's fields (`update-entry`). */
export const entryEditSchema = z.object({
  kind: z.enum(["create-entry", "update-entry"]),
  editor: editorSchema,
  entry: kbEntrySchema,
  clusterId: z.string().max(40).optional(),
});

export const kbEditSchema = z.discriminatedUnion("kind", [addQuestionsSchema, entryEditSchema]);
export type KbEdit = z.infer<typeof kbEditSchema>;

/** A problem with a field of the edit, `field` as the form names it (`entry.answer.ko`, `editor`). */
export interface FieldError {
  field: string;
  message: string;
}

/** The outcome of a save: the entry changed, or what to fix. */
export type KbSaveResult =
  | { ok: true; entryId: string; change: KbChange }
  | { ok: false; errors: FieldError[] };

/** One recorded change to the KB: who, when, what. */
export const kbChangeSchema = z.object({
  at: z.number(),
  editor: z.string(),
  kind: z.enum(["add-questions", "create-entry", "update-entry"]),
  entryId: z.string(),
  /** Questions added, by locale (add-questions, create-entry). */
  added: z.record(z.string(), z.array(z.string())).optional(),
  /** Fields replaced (update-entry). */
  fields: z.array(z.string()).optional(),
  clusterId: z.string().optional(),
});
export type KbChange = z.infer<typeof kbChangeSchema>;

/** Field errors of a zod failure, paths joined with dots. */
export function fieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({ field: issue.path.join(".") || "(form)", message: issue.message }));
}
