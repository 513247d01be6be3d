import { loadConfig } from "./app/config.ts";
import { startBot } from "./app/start-local.ts";
import { SwitchboardError } from "./model/errors.ts";

try {
  const config = loadConfig();
  const running = await startBot(config);
  running.app.logger.info(
    { url: running.url, store: config.STORE, kb: config.KB_PATH },
    "Switchboard is running",
  );
  console.error(`Switchboard web chat: ${running.url}  (health: ${running.url}healthz)`);
  if (running.app.localDesk) {
    const access = config.DESK_TOKEN
      ? "with DESK_TOKEN"
      : "from this machine only; set DESK_TOKEN for remote agents";
    console.error(`Agent desk: ${running.url}desk  (${access})`);
  }
  const shutdown = (signal: string) => {
    running.app.logger.info({ signal }, "shutting down");
    running.stop().finally(() => process.exit(0));
  };
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
} catch (error) {
  console.error(error instanceof SwitchboardError ? `Cannot start: ${error.message}` : error);
  process.exit(1);
}
