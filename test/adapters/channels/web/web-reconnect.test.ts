import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type RunningBot, startBot } from "../../../../src/app/start-local.ts";
import { createSilentLogger } from "../../../../src/core/logger.ts";
import { testConfig } from "../../../helpers/bot-harness.ts";
import { createChatClient } from "../../../scale/support/chat-client.ts";

const WAIT = { timeout: 20_000, interval: 20 };
const agent = { id: "agent-1", name: "Dana" };

describe("web chat: a reconnecting page gets what it missed (one process, no Redis)", () => {
  let bot: RunningBot;

  beforeAll(async () => {
    bot = await startBot(testConfig({ PORT: "0", HOST: "127.0.0.1" }), { logger: createSilentLogger() });
  });
  afterAll(() => bot?.stop());

  it.each([
    ["en", "Sorry for the wait: your refund went out today."],
    ["ko", "기다리게 해서 죄송합니다. 오늘 환불이 처리되었습니다."],
  ])(
    "a person's reply sent while the page was away is shown on reconnect, once (%s)",
    async (_language, text) => {
      const page = createChatClient();
      await page.connect(bot.url);
      page.send("m1", "/human");
      await vi.waitFor(() => expect(page.repliesTo("m1").length).toBeGreaterThan(0), WAIT);
      const shownBefore = page.frames.length;
      page.close(); // the page lost its connection

      await bot.app.handoff.claim(page.conversation, agent);
      await bot.app.handoff.reply(page.conversation, agent, text);

      await page.connect(bot.url); // says hello with the cursor of the last frame it showed
      await vi.waitFor(
        () => expect(page.frames.filter((frame) => frame.message?.text.includes(text))).toHaveLength(1),
        WAIT,
      );
      // What it had already shown is not sent again.
      expect(page.repliesTo("m1")).toHaveLength(
        page.frames.slice(0, shownBefore).filter((f) => f.replyTo === "m1").length,
      );
    },
  );

  it("a page that connects for the first time is sent nothing old: it reads the history instead", async () => {
    const first = createChatClient();
    await first.connect(bot.url);
    first.send("m1", "hello");
    await vi.waitFor(() => expect(first.repliesTo("m1").length).toBeGreaterThan(0), WAIT);
    const fresh = createChatClient(first.session);
    await fresh.connect(bot.url);
    first.send("m2", "thanks");
    await vi.waitFor(() => expect(fresh.repliesTo("m2").length).toBeGreaterThan(0), WAIT);
    expect(fresh.repliesTo("m1")).toHaveLength(0);
    first.close();
    fresh.close();
  });
});
