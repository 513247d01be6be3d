import { type Document, isMap, isSeq, parseDocument, type YAMLMap, type YAMLSeq } from "yaml";
import type { KbEntry } from "../../kb/schema.ts";
import type { FieldError, KbEdit } from "./kb-edit.ts";

/** What an edit did to the file's text. */
export type YamlEditResult =
  | { ok: true; text: string; added: Record<string, string[]>; fields: string[] }
  | { ok: false; errors: FieldError[] };

/** Long answers stay on their lines: no folding, so a diff shows only what changed. */
const TO_STRING = { lineWidth: 0 } as const;

function entryNode(document: Document, id: string): YAMLMap | undefined {
  const entries = document.get("entries", true);
  if (!isSeq(entries)) return undefined;
  return entries.items.find((item): item is YAMLMap => isMap(item) && item.get("id") === id);
}

/** The entry as a plain object in the file's key order, optional fields only when present. */
function entryObject(entry: KbEntry): Record<string, unknown> {
  return {
    id: entry.id,
    category: entry.category,
    questions: entry.questions,
    answer: entry.answer,
    ...(entry.links?.length ? { links: entry.links } : {}),
    ...(entry.steps ? { steps: entry.steps } : {}),
  };
}

/**
 * Applies an edit to the KB's YAML with the `yaml` Document API, so comments, key order, quoting
 * and block scalars of everything not edited stay byte for byte (an operator's git diff shows the
 * change and nothing else). A new entry is appended with a comment saying who added it and when.
 */
export function applyKbEdit(source: string, edit: KbEdit, at: number): YamlEditResult {
  const document = parseDocument(source);
  if (edit.kind === "add-questions") {
    const node = entryNode(document, edit.entryId);
    if (!node)
      return { ok: false, errors: [{ field: "entryId", message: `there is no entry "${edit.entryId}"` }] };
    const added: Record<string, string[]> = {};
    for (const [locale, questions] of Object.entries(edit.questions)) {
      const existing = node.getIn(["questions", locale], true);
      const known = new Set(
        (isSeq(existing) ? (existing as YAMLSeq).toJSON() : []).map((q: unknown) =>
          String(q).trim().toLowerCase(),
        ),
      );
      const fresh = [...new Set(questions.map((q) => q.trim()))].filter((q) => !known.has(q.toLowerCase()));
      if (fresh.length === 0) continue;
      if (isSeq(existing)) for (const question of fresh) existing.add(document.createNode(question));
      else node.setIn(["questions", locale], document.createNode(fresh));
      added[locale] = fresh;
    }
    if (Object.keys(added).length === 0) {
      return {
        ok: false,
        errors: [{ field: "questions", message: "the entry already has all of these questions" }],
      };
    }
    return { ok: true, text: document.toString(TO_STRING), added, fields: ["questions"] };
  }
  const existing = entryNode(document, edit.entry.id);
  if (edit.kind === "create-entry") {
    if (existing) {
      return {
        ok: false,
        errors: [{ field: "entry.id", message: `an entry "${edit.entry.id}" exists: choose another id` }],
      };
    }
    const entries = document.get("entries", true);
    if (!isSeq(entries))
      return { ok: false, errors: [{ field: "(form)", message: "the KB file has no entries list" }] };
    const node = document.createNode(entryObject(edit.entry));
    node.commentBefore = ` Added from /insights by ${edit.editor.replace(/\s+/g, " ")} on ${new Date(at).toISOString().slice(0, 10)}`;
    entries.add(node);
    return {
      ok: true,
      text: document.toString(TO_STRING),
      added: edit.entry.questions,
      fields: Object.keys(entryObject(edit.entry)),
    };
  }
  if (!existing)
    return { ok: false, errors: [{ field: "entry.id", message: `there is no entry "${edit.entry.id}"` }] };
  const wanted = entryObject(edit.entry);
  const fields: string[] = [];
  for (const [key, value] of Object.entries(wanted)) {
    if (JSON.stringify(existing.toJSON()[key]) === JSON.stringify(value)) continue;
    existing.set(key, document.createNode(value));
    fields.push(key);
  }
  for (const key of ["links", "steps"]) {
    if (!(key in wanted) && existing.has(key)) {
      existing.delete(key);
      fields.push(key);
    }
  }
  if (fields.length === 0) return { ok: false, errors: [{ field: "(form)", message: "nothing changed" }] };
  return { ok: true, text: document.toString(TO_STRING), added: {}, fields };
}
