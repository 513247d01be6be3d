import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTelegramAdapter } from "../../../../adapters/channels/telegram/telegram-adapter.ts";
import { type App, createApp } from "../../../../src/app/create-app.ts";
import { createSilentLogger } from "../../../../src/core/logger.ts";
import { testConfig } from "../../../helpers/bot-harness.ts";
import { type FakeBotApi, startFakeBotApi, TEST_TOKEN, telegramError } from "./fake-bot-api.ts";

describe("Telegram adapter with the real core: a user who blocked the bot", () => {
  let api: FakeBotApi;
  let app: App;

  beforeAll(async () => {
    api = await startFakeBotApi();
    app = await createApp({ config: testConfig(), logger: createSilentLogger() });
    const adapter = createTelegramAdapter({
      token: TEST_TOKEN,
      apiRoot: api.apiRoot,
      logger: createSilentLogger(),
      webhook: { url: "https://bot.example.com/telegram/hook", secret: "s" },
    });
    app.channels.register(adapter);
    await adapter.start(app.bot);
  });
  afterAll(async () => {
    await app.close();
    await api.close();
  });

  it("is marked unreachable while the sending turn holds the conversation lock, and not sent to again", async () => {
    api.on("sendMessage", () => telegramError(403, "Forbidden: bot was blocked by the user"));
    const sent = await app.bot.proactive("telegram:888", "agent:test", (ctx) => ctx.reply("Any update?"));
    expect(sent).toHaveLength(1);
    await expect
      .poll(async () => (await app.state.get("telegram:888"))?.unreachable?.reason)
      .toMatch(/blocked/);
    const later = await app.bot.proactive("telegram:888", "agent:test", (ctx) => ctx.reply("Hello?"));
    expect(later).toEqual([]);
    expect(api.callsTo("sendMessage")).toHaveLength(1);
  });
});
