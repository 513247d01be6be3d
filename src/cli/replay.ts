import { createReadStream, existsSync } from "node:fs";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { z } from "zod";
import { loadConfig } from "../app/config.ts";
import { createApp } from "../app/create-app.ts";
import { createLogger } from "../core/logger.ts";
import { SwitchboardError } from "../model/errors.ts";
import { replayOutput } from "./replay-output.ts";

const USAGE = `Usage: npm run --silent replay -- [--kb <kb.yaml>] <input.jsonl | ->

Reads one JSON object per line: {"id"?, "conversation"?, "user"?, "channel"?, "text"}
and prints one JSON line per input with what the bot understood and did.
A line without "conversation" is its own new conversation. State is kept in memory only.`;

const lineSchema = z.object({
  id: z.union([z.string(), z.number()]).optional(),
  conversation: z.union([z.string(), z.number()]).optional(),
  user: z.union([z.string(), z.number()]).optional(),
  channel: z
    .string()
    .regex(/^[a-z][a-z0-9-]*$/, "channel names are lower-case letters, digits and dashes")
    .default("replay"),
  text: z.string(),
});

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    options: { kb: { type: "string" }, help: { type: "boolean", short: "h" } },
    allowPositionals: true,
  });
  if (values.help || positionals.length !== 1) {
    console.error(USAGE);
    return values.help ? 0 : 2;
  }
  const input = positionals[0] as string;
  if (input !== "-" && !existsSync(input)) {
    console.error(`Input file not found: ${input}`);
    return 2;
  }
  // Replay never touches the real stores: state in memory, tickets in an in-memory database.
  const config = { ...loadConfig(), STORE: "memory" as const, KB_WATCH: false, TICKETS_DB_FILE: ":memory:" };
  delete config.DATABASE_URL;
  if (values.kb) config.KB_PATH = values.kb;
  const logger = createLogger({ level: process.env.LOG_LEVEL ?? "warn", name: "replay" });
  // A replay is many messages from one user at machine speed: the flood budgets would drop them.
  const app = await createApp({ config, logger, dropUnknownChannels: true, rateLimits: false });
  let failures = 0;
  let lineNumber = 0;
  const lines = createInterface({
    input: input === "-" ? process.stdin : createReadStream(input),
    crlfDelay: Infinity,
  });
  for await (const line of lines) {
    lineNumber++;
    if (line.trim() === "") continue;
    let parsed: z.infer<typeof lineSchema>;
    try {
      parsed = lineSchema.parse(JSON.parse(line));
    } catch (error) {
      failures++;
      const message = error instanceof z.ZodError ? z.prettifyError(error) : (error as Error).message;
      process.stdout.write(
        `${JSON.stringify({ line: lineNumber, error: `invalid input line: ${message}` })}\n`,
      );
      continue;
    }
    const id = String(parsed.id ?? `line-${lineNumber}`);
    const conversation = `${parsed.channel}:${String(parsed.conversation ?? `replay-${lineNumber}`).replaceAll(":", "%3A")}`;
    try {
      const result = await app.bot.handle({
        type: "message",
        id,
        conversation,
        user: { channel: parsed.channel, id: String(parsed.user ?? "replay-user") },
        text: parsed.text,
      });
      process.stdout.write(`${JSON.stringify(replayOutput(id, result))}\n`);
    } catch (error) {
      failures++;
      process.stdout.write(`${JSON.stringify({ id, conversation, error: (error as Error).message })}\n`);
    }
  }
  await app.close();
  return failures > 0 ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof SwitchboardError ? error.message : error);
    process.exitCode = 2;
  },
);
