import { randomUUID } from "node:crypto";
import { createInterface, type Interface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import type { Adapter, BotPort, ChannelHealth } from "../../../src/core/adapter.ts";
import { renderPlain } from "../../../src/markdown/render-plain.ts";
import type { Capabilities } from "../../../src/model/capabilities.ts";

export const CONSOLE_CAPABILITIES: Capabilities = {
  buttons: false,
  linkButtons: false,
  threads: false,
  edits: false,
  markdown: false,
  maxMessageLength: 10_000,
};

export interface ConsoleAdapterOptions {
  input: Readable;
  output: Writable;
  /** Conversation id; a fresh one per run unless given (`npm run chat -- --session me`). */
  session?: string;
  user?: string;
  ansi?: boolean;
  /** Called when the input ends (Ctrl-D or end of a piped file), after the last turn finished. */
  onEnd?: () => void;
}

/**
 * A terminal chat (`npm run chat`): each line is a message to the core; buttons are shown as a
 * numbered list and a typed number picks one (the core maps it back to the button).
 */
export function createConsoleAdapter(options: ConsoleAdapterOptions): Adapter {
  const session = options.session ?? randomUUID().slice(0, 8);
  const user = options.user ?? "console-user";
  let lines: Interface | undefined;
  let status: ChannelHealth = { status: "starting" };
  // Event ids are claimed for IDEMPOTENCY_TTL_SECONDS in the state file: a resumed session
  // (`--session me`) must not reuse the previous run's ids, or its lines would be dropped as duplicates.
  const run = randomUUID().slice(0, 8);
  let sequence = 0;
  const write = (text: string) => options.output.write(`${text}\n`);

  return {
    channel: "console",
    capabilities: CONSOLE_CAPABILITIES,
    async start(bot: BotPort) {
      lines = createInterface({ input: options.input, terminal: false });
      status = { status: "up" };
      let queue = Promise.resolve();
      lines.on("line", (line) => {
        const text = line.trim();
        if (text === "") return;
        // Lines are handled strictly in order: a pasted block must not overtake itself.
        queue = queue.then(async () => {
          try {
            await bot.handle({
              type: "message",
              id: `${session}-${run}-${++sequence}`,
              conversation: `console:${session}`,
              user: { channel: "console", id: user },
              text,
            });
          } catch (error) {
            write(`! ${(error as Error).message}`);
          }
        });
      });
      lines.on("close", () => {
        status = { status: "down", detail: "input closed" };
        void queue.then(() => options.onEnd?.());
      });
    },
    async send(_target, message) {
      write(`bot> ${renderPlain(message.text, { ansi: options.ansi ?? false })}\n`);
    },
    async stop() {
      lines?.close();
    },
    health: () => status,
  };
}
