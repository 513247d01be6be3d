import { parseArgs } from "node:util";
import { createConsoleAdapter } from "../../adapters/channels/console/console-adapter.ts";
import { loadConfig } from "../app/config.ts";
import { createApp } from "../app/create-app.ts";
import { createLogger } from "../core/logger.ts";
import { SwitchboardError } from "../model/errors.ts";

const { values } = parseArgs({
  options: { session: { type: "string" }, help: { type: "boolean", short: "h" } },
});
if (values.help) {
  console.error("Usage: npm run chat [-- --session <id>]   Chat with the bot in the terminal; Ctrl-D ends.");
  process.exit(0);
}

try {
  const config = loadConfig();
  const logger = createLogger({ level: process.env.LOG_LEVEL ?? "warn", name: "chat" });
  const app = await createApp({ config, logger });
  const adapter = createConsoleAdapter({
    input: process.stdin,
    output: process.stdout,
    ansi: process.stdout.isTTY === true,
    ...(values.session ? { session: values.session } : {}),
    onEnd: () => {
      void app.close().then(() => process.exit(0));
    },
  });
  app.channels.register(adapter);
  if (process.stdin.isTTY) console.error(`${config.BOT_NAME} console chat. Ask a question; Ctrl-D to quit.`);
  await adapter.start(app.bot);
} catch (error) {
  console.error(error instanceof SwitchboardError ? `Cannot start: ${error.message}` : error);
  process.exit(1);
}
