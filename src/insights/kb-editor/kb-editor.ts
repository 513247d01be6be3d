import { readFileSync, writeFileSync } from "node:fs";
import { z } from "zod";
import type { KnowledgeService } from "../../kb/knowledge-service.ts";
import { KbError, parseKnowledgeBase } from "../../kb/load-kb.ts";
import { changeLogPathFor, createKbChangeLog, type KbChangeLog } from "./kb-change-log.ts";
import { type FieldError, fieldErrors, type KbChange, type KbSaveResult, kbEditSchema } from "./kb-edit.ts";
import { applyKbEdit } from "./kb-yaml-edit.ts";

/** Edits the KB file from /insights: validates, writes the YAML, reloads, records the change. */
export interface KbEditor {
  save(input: unknown): Promise<KbSaveResult>;
  changes(limit?: number): KbChange[];
}

/** An entry's fields as far as they can be read, however invalid the rest of the form is. */
const looseDraftSchema = z.object({
  entry: z
    .object({
      category: z.string().catch(""),
      questions: z.record(z.string(), z.unknown()).catch({}),
      answer: z.record(z.string(), z.unknown()).catch({}),
    })
    .optional(),
});

/** Checks the form rules the KB's loader would otherwise report against a line of the file. */
function draftErrors(
  input: z.infer<typeof looseDraftSchema>,
  categories: Set<string>,
  defaultLocale: string,
): FieldError[] {
  if (!input.entry) return [];
  const errors: FieldError[] = [];
  const { entry } = input;
  if (!categories.has(entry.category)) {
    errors.push({ field: "entry.category", message: `choose one of: ${[...categories].join(", ")}` });
  }
  for (const locale of new Set([defaultLocale, ...Object.keys(entry.questions)])) {
    const answer = entry.answer[locale];
    if (typeof answer !== "string" || answer.trim() === "") {
      errors.push({
        field: `entry.answer.${locale}`,
        message: `write the answer in ${locale}: the entry has questions in it (or it is the default language)`,
      });
    }
  }
  return errors;
}

/**
 * The KB stays one reviewable YAML file: a save rewrites it through the Document API (comments and
 * order kept), validates the result exactly as start-up would, writes it in place (a watcher on the
 * file keeps working) and reloads the knowledge service, so the bot answers with the change at once.
 * Each save is appended to the change log beside the file. Saves are serialised in this process.
 */
export function createKbEditor(options: {
  file: string;
  knowledge: KnowledgeService;
  log?: KbChangeLog;
  now?: () => number;
}): KbEditor {
  const log = options.log ?? createKbChangeLog(changeLogPathFor(options.file));
  const now = options.now ?? Date.now;
  let queue: Promise<unknown> = Promise.resolve();

  function saveNow(input: unknown): KbSaveResult {
    const { kb } = options.knowledge.current();
    // Every problem at once, so the form can mark all of its fields in one round.
    const loose = looseDraftSchema.safeParse(input);
    const errors = loose.success
      ? draftErrors(loose.data, new Set(kb.ticketCategories.map((c) => c.id)), kb.defaultLocale)
      : [];
    const parsed = kbEditSchema.safeParse(input);
    if (!parsed.success) errors.unshift(...fieldErrors(parsed.error));
    if (!parsed.success || errors.length > 0) return { ok: false, errors };
    const edit = parsed.data;
    const at = now();
    const source = readFileSync(options.file, "utf8");
    const result = applyKbEdit(source, edit, at);
    if (!result.ok) return result;
    try {
      parseKnowledgeBase(result.text, options.file);
    } catch (error) {
      if (!(error instanceof KbError)) throw error;
      return { ok: false, errors: error.problems.map((message) => ({ field: "(form)", message })) };
    }
    writeFileSync(options.file, result.text, "utf8");
    try {
      options.knowledge.reload();
    } catch (error) {
      writeFileSync(options.file, source, "utf8");
      throw error;
    }
    const entryId = edit.kind === "add-questions" ? edit.entryId : edit.entry.id;
    const change: KbChange = {
      at,
      editor: edit.editor,
      kind: edit.kind,
      entryId,
      ...(Object.keys(result.added).length ? { added: result.added } : {}),
      ...(edit.kind === "update-entry" ? { fields: result.fields } : {}),
      ...(edit.clusterId ? { clusterId: edit.clusterId } : {}),
    };
    log.append(change);
    return { ok: true, entryId, change };
  }

  return {
    save(input) {
      const run = queue.then(() => saveNow(input));
      queue = run.catch(() => undefined);
      return run;
    },
    changes: (limit) => log.list(limit),
  };
}
