import { appendFileSync, existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { type KbChange, kbChangeSchema } from "./kb-edit.ts";

/** The record of KB changes made from /insights: who, when, what. */
export interface KbChangeLog {
  readonly file: string;
  append(change: KbChange): void;
  /** Newest first. */
  list(limit?: number): KbChange[];
}

/** Where the change log of a KB file lives: beside it, `<name>.changes.jsonl`, reviewable with it. */
export function changeLogPathFor(kbFile: string): string {
  const parsed = path.parse(kbFile);
  return path.join(parsed.dir, `${parsed.name}.changes.jsonl`);
}

/** A line as JSON, or undefined when it is not (one cut short by a crash while appending). */
function parseLine(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}

/** An append-only JSON-lines file: one change per line, so a git diff of it reads as a list. */
export function createKbChangeLog(file: string): KbChangeLog {
  return {
    file,
    append(change) {
      appendFileSync(file, `${JSON.stringify(kbChangeSchema.parse(change))}\n`, "utf8");
    },
    list(limit = 50) {
      if (!existsSync(file)) return [];
      return readFileSync(file, "utf8")
        .split("\n")
        .filter((line) => line.trim() !== "")
        .flatMap((line) => {
          const parsed = kbChangeSchema.safeParse(parseLine(line));
          return parsed.success ? [parsed.data] : [];
        })
        .reverse()
        .slice(0, limit);
    },
  };
}
