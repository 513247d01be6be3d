import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";

/** Where the shared benchmark data lives: `../shared/datasets` beside the repo, or `$SWITCHBOARD_DATASETS`. */
export const DATASETS_DIR = resolve(
  process.env.SWITCHBOARD_DATASETS ??
    join(dirname(fileURLToPath(import.meta.url)), "..", "..", "shared", "datasets"),
);

/** A labelled text. */
export interface Labelled<L = string> {
  text: string;
  label: L;
}

/** Thrown when a dataset's files are absent, so callers can skip it with a clear message. */
export class DatasetMissingError extends Error {
  readonly code = "DATASET_MISSING";
  constructor(readonly path: string) {
    super(
      `dataset file not found: ${path} (put the shared datasets at ${DATASETS_DIR} or set SWITCHBOARD_DATASETS)`,
    );
  }
}

function read(relative: string): string {
  const path = join(DATASETS_DIR, relative);
  if (!existsSync(path)) throw new DatasetMissingError(path);
  return readFileSync(path, "utf8");
}

/** RFC 4180 CSV parser (quoted fields may contain commas, quotes and newlines). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += ch;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** Banking77 train or test split. */
export function loadBanking77(split: "train" | "test"): Labelled[] {
  const rows = parseCsv(read(`banking77/${split}.csv`));
  return rows
    .slice(1)
    .filter((r) => r.length >= 2 && (r[0] ?? "") !== "")
    .map((r) => ({ text: r[0] ?? "", label: r[1] ?? "" }));
}

const clincSchema = z.object({
  train: z.array(z.tuple([z.string(), z.string()])),
  val: z.array(z.tuple([z.string(), z.string()])),
  test: z.array(z.tuple([z.string(), z.string()])),
  oos_train: z.array(z.tuple([z.string(), z.string()])),
  oos_val: z.array(z.tuple([z.string(), z.string()])),
  oos_test: z.array(z.tuple([z.string(), z.string()])),
});

/** CLINC150 data_full.json, each split as labelled texts (out-of-scope label "oos"). */
export function loadClinc150(): Record<keyof z.infer<typeof clincSchema>, Labelled[]> {
  const data = clincSchema.parse(JSON.parse(read("clinc150/data_full.json")));
  const conv = (items: [string, string][]): Labelled[] => items.map(([text, label]) => ({ text, label }));
  return {
    train: conv(data.train),
    val: conv(data.val),
    test: conv(data.test),
    oos_train: conv(data.oos_train),
    oos_val: conv(data.oos_val),
    oos_test: conv(data.oos_test),
  };
}

function lines(text: string): string[] {
  const out = text.split("\n");
  if (out.at(-1) === "") out.pop();
  return out;
}

/** A TweetEval task split: text lines zipped with numeric labels. */
export function loadTweetEval(
  task: "sentiment" | "emotion",
  split: "train" | "val" | "test",
): Labelled<number>[] {
  const texts = lines(read(`tweeteval/${task}/${split}_text.txt`));
  const labels = lines(read(`tweeteval/${task}/${split}_labels.txt`)).map(Number);
  if (texts.length !== labels.length) {
    throw new Error(`tweeteval/${task}/${split}: ${texts.length} texts but ${labels.length} labels`);
  }
  return texts.map((text, i) => ({ text, label: labels[i] ?? 0 }));
}

/** ko_nsmc_rebuilt train or test (label 1 positive, 0 negative). */
export function loadNsmc(split: "train" | "test"): Labelled<number>[] {
  return lines(read(`ko_nsmc_rebuilt/${split}.tsv`))
    .slice(1)
    .map((line) => line.split("\t"))
    .filter((cols) => cols.length >= 3)
    .map((cols) => ({ text: cols[1] ?? "", label: Number(cols[2]) }));
}
