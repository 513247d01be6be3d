import { PassThrough } from "node:stream";
import { createConsoleAdapter } from "../../../../adapters/channels/console/console-adapter.ts";
import { type ContractDriver, describeAdapterContract } from "../../contract/adapter-contract.ts";
import { createContractApp, plainText, trackTurns } from "../../contract/contract-helpers.ts";

/** The terminal chat over in-memory streams: lines typed in, `bot> …` blocks printed out. */
async function startConsoleDriver(): Promise<ContractDriver> {
  const app = await createContractApp();
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = "";
  output.setEncoding("utf8");
  output.on("data", (chunk: string) => {
    printed += chunk;
  });
  const adapter = createConsoleAdapter({ input, output, session: "contract", user: "contract-user" });
  app.channels.register(adapter);
  const tracker = trackTurns(app.bot);
  await adapter.start(tracker.port);
  let lastReply = "";

  /** What was printed while `action` ran, one entry per message the bot sent. */
  async function printedDuring(action: () => Promise<unknown>): Promise<string[]> {
    const from = printed.length;
    await action();
    await new Promise((resolve) => setImmediate(resolve));
    const messages = printed
      .slice(from)
      .split(/^bot> /m)
      .map((block) => block.trim())
      .filter((block) => block !== "");
    if (messages.length > 0) lastReply = messages.at(-1) ?? "";
    return messages.map(plainText);
  }

  function type(text: string): Promise<string[]> {
    return printedDuring(async () => {
      const done = tracker.expectTurn(`console "${text}"`);
      input.write(`${text}\n`);
      await done();
    });
  }

  /** Buttons are printed as "1. label" lines under the text. */
  function numbered(): { number: string; label: string }[] {
    return [...lastReply.matchAll(/^(\d+)\. (.+)$/gm)].map((match) => ({
      number: match[1] ?? "",
      label: (match[2] ?? "").trim(),
    }));
  }

  return {
    app,
    capabilities: adapter.capabilities,
    conversation: "console:contract",
    noRedelivery: "a terminal line is read once; the console has no redelivery",
    say: type,
    choices: () => numbered().map((choice) => choice.label),
    press(label) {
      const choice = numbered().find((candidate) => candidate.label === label);
      if (!choice) throw new Error(`no choice "${label}" in the last reply:\n${lastReply}`);
      return type(choice.number);
    },
    receive: printedDuring,
    health: () => adapter.health(),
    async stop() {
      await adapter.stop();
      input.end();
      output.end();
      await app.close();
    },
  };
}

describeAdapterContract("console", startConsoleDriver);
