/**
 * Runs one throughput-sensitive eval section in a fresh Node process: a process that has already
 * trained and run other models (the FAQ engine, other classifiers) runs the next one's hot loops
 * measurably slower (a larger heap, JIT state), and not by the same factor for every system. Each
 * side of a speed comparison (ours, nlp.js) is measured alone, under the same conditions.
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { DatasetMissingError } from "./datasets.ts";
import { banking77Full, nlpJsBanking77 } from "./intent-evals.ts";

const SECTIONS = {
  banking77Full: (quick: boolean) => banking77Full(quick),
  nlpJsBanking77: (quick: boolean) => nlpJsBanking77(quick),
} as const;

export type IsolatedSection = keyof typeof SECTIONS;

const isSection = (name: string | undefined): name is IsolatedSection =>
  name !== undefined && Object.hasOwn(SECTIONS, name);

/** The parent's loader flags (tsx's `--require` / `--import`), without `--eval` code or the like. */
function loaderFlags(): string[] {
  const out: string[] = [];
  const args = process.execArgv;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? "";
    if (/^--(?:import|require|loader|experimental-loader)$/.test(arg)) out.push(arg, args[++i] ?? "");
    else if (/^--(?:import|require|loader|experimental-loader)=/.test(arg)) out.push(arg);
  }
  return out;
}

/** The section's result, computed in a child process (same Node, same loader flags). */
export function runIsolated(section: IsolatedSection, quick: boolean): Promise<Record<string, number>> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [...loaderFlags(), fileURLToPath(import.meta.url), section, quick ? "--quick" : "--full"],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    let out = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      out += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => {
      const last = out.trim().split("\n").at(-1) ?? "";
      if (code !== 0) return reject(new Error(`eval section ${section} exited with ${code}`));
      try {
        const result = JSON.parse(last) as Record<string, number> & { missing?: string };
        // A missing dataset is reported as in the parent, so the section is skipped, not failed.
        if (typeof result.missing === "string") reject(new DatasetMissingError(result.missing));
        else resolve(result);
      } catch {
        reject(new Error(`eval section ${section} printed no result: ${last.slice(0, 200)}`));
      }
    });
  });
}

const [, script, name, mode] = process.argv;
if (script === fileURLToPath(import.meta.url) && isSection(name)) {
  try {
    const result = await SECTIONS[name](mode === "--quick");
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } catch (error) {
    if (!(error instanceof DatasetMissingError)) throw error;
    process.stdout.write(`${JSON.stringify({ missing: error.path })}\n`);
  }
}
