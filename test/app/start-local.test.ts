import { describe, expect, it } from "vitest";
import { startBot } from "../../src/app/start-local.ts";
import { createSilentLogger } from "../../src/core/logger.ts";
import { ConfigError } from "../../src/model/errors.ts";
import { testConfig } from "../helpers/bot-harness.ts";

describe("startBot: the local desk is never opened to the network by configuration", () => {
  it("refuses a webhook URL (a proxy or tunnel reaches PORT) with the local desk and no DESK_TOKEN", async () => {
    const config = testConfig({
      PORT: "0",
      HOST: "127.0.0.1",
      TELEGRAM_BOT_TOKEN: "123456789:AAtest-token-for-switchboard-tests_xyz",
      TELEGRAM_WEBHOOK_URL: "https://bot.example.com/telegram/hook",
      TELEGRAM_WEBHOOK_SECRET: "hook_secret",
    });
    const started = startBot(config, { logger: createSilentLogger() });
    await expect(started).rejects.toBeInstanceOf(ConfigError);
    await expect(started).rejects.toThrow(/the desk would be open to the network.*DESK_TOKEN/i);
  });

  it("starts with no configuration at all (HOST 0.0.0.0, no token): the desk stays on loopback", async () => {
    const bot = await startBot(testConfig({ PORT: "0" }), { logger: createSilentLogger() });
    try {
      expect(bot.app.localDesk).toBeDefined();
      expect((await fetch(`http://127.0.0.1:${bot.port}/desk`)).status).toBe(200);
    } finally {
      await bot.stop();
    }
  });
});
