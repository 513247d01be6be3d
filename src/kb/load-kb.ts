import { readFileSync } from "node:fs";
import { isMap, isSeq, LineCounter, parseDocument } from "yaml";
import { SwitchboardError } from "../model/errors.ts";
import { type KnowledgeBase, knowledgeBaseSchema } from "./schema.ts";

/** The KB file is unreadable or invalid; `problems` lists each with its line. */
export class KbError extends SwitchboardError {
  readonly file: string;
  readonly problems: string[];
  constructor(file: string, problems: string[]) {
    super("KB_INVALID", `Knowledge base ${file} is invalid:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "KbError";
    this.file = file;
    this.problems = problems;
  }
}

/** Reads and validates a KB file; throws {@link KbError} naming the file, line, entry and fix. */
export function loadKnowledgeBase(file: string): KnowledgeBase {
  let source: string;
  try {
    source = readFileSync(file, "utf8");
  } catch (error) {
    throw new KbError(file, [`cannot read the file (${(error as Error).message}); check KB_PATH`]);
  }
  return parseKnowledgeBase(source, file);
}

/** Validates KB source text; `file` is only used in messages. */
export function parseKnowledgeBase(source: string, file = "<kb>"): KnowledgeBase {
  const lineCounter = new LineCounter();
  const document = parseDocument(source, { lineCounter, uniqueKeys: true });
  if (document.errors.length > 0) {
    throw new KbError(
      file,
      document.errors.map((error) => {
        const pos = error.linePos?.[0];
        return `line ${pos?.line ?? "?"}, column ${pos?.col ?? "?"}: YAML syntax error: ${error.message.split("\n")[0]}`;
      }),
    );
  }
  const lineOf = (path: readonly PropertyKey[]): number | undefined => {
    for (let depth = path.length; depth >= 0; depth--) {
      const node = document.getIn(path.slice(0, depth) as unknown[], true);
      const range = (node as { range?: [number, number, number] } | undefined)?.range;
      if (range) return lineCounter.linePos(range[0]).line;
    }
    return undefined;
  };
  const data: unknown = document.toJS();
  const entryName = (index: unknown): string => {
    const entries = document.get("entries", true);
    if (typeof index !== "number" || !isSeq(entries)) return "";
    const entry = entries.items[index];
    const id = isMap(entry) ? entry.get("id") : undefined;
    return typeof id === "string" ? ` (entry "${id}")` : ` (entry #${index + 1})`;
  };

  const parsed = knowledgeBaseSchema.safeParse(data);
  if (!parsed.success) {
    throw new KbError(
      file,
      parsed.error.issues.map((issue) => {
        const where = issue.path.join(".") || "(top level)";
        const entry = issue.path[0] === "entries" ? entryName(issue.path[1]) : "";
        return `line ${lineOf(issue.path) ?? "?"}${entry}: ${where}: ${issue.message}`;
      }),
    );
  }
  const kb = parsed.data;
  const problems = semanticProblems(kb, (index) => lineOf(["entries", index]));
  if (problems.length > 0) throw new KbError(file, problems);
  return kb;
}

/** Checks the rules zod cannot express: unique ids, known categories, an answer per locale. */
function semanticProblems(kb: KnowledgeBase, lineOfEntry: (index: number) => number | undefined): string[] {
  const problems: string[] = [];
  const categories = new Set<string>();
  for (const category of kb.ticketCategories) {
    if (categories.has(category.id))
      problems.push(`ticketCategories: duplicate category id "${category.id}"`);
    categories.add(category.id);
  }
  const firstLine = new Map<string, number | undefined>();
  kb.entries.forEach((entry, index) => {
    const line = lineOfEntry(index);
    const at = `line ${line ?? "?"} (entry "${entry.id}")`;
    if (firstLine.has(entry.id)) {
      problems.push(
        `${at}: duplicate id "${entry.id}" (first defined at line ${firstLine.get(entry.id) ?? "?"}); give each entry a unique id`,
      );
    } else {
      firstLine.set(entry.id, line);
    }
    if (!categories.has(entry.category)) {
      problems.push(
        `${at}: category "${entry.category}" is not in ticketCategories (${[...categories].join(", ")}); add it there or fix the entry`,
      );
    }
    const needed = new Set([kb.defaultLocale, ...Object.keys(entry.questions)]);
    for (const locale of needed) {
      if (!entry.answer[locale]) {
        problems.push(
          `${at}: missing answer for locale "${locale}"; add answer.${locale} (every entry answers in the default locale and in each locale it has questions for)`,
        );
      }
    }
  });
  return problems;
}
