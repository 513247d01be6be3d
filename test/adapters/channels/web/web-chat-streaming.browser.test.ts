import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningBot, startBot } from "../../../../src/app/start-local.ts";
import { createSilentLogger } from "../../../../src/core/logger.ts";
import { hasFixtureKb, testConfig } from "../../../helpers/bot-harness.ts";
import { hasChromium, launchChromium } from "../../../helpers/chromium.ts";
import { type FakeOpenAiServer, startFakeOpenAiServer } from "../../../llm/helpers/fake-openai-server.ts";
import { streamedAnswer } from "../../../llm/helpers/streaming.ts";

const PHRASED = "Press **Forgot password** on the sign-in page and follow the link in the e-mail.";

/** chat.js renders `edit` frames into the bubble their `message` frame opened. */
describe.skipIf(!hasChromium || !hasFixtureKb)(
  "web chat page: a streamed answer in headless Chromium",
  () => {
    let llm: FakeOpenAiServer;
    let bot: RunningBot;
    let chromium: Awaited<ReturnType<typeof launchChromium>>;

    beforeAll(async () => {
      llm = await startFakeOpenAiServer();
      const config = testConfig({
        PORT: "0",
        HOST: "127.0.0.1",
        OPENAI_API_KEY: "sk-local-test",
        OPENAI_BASE_URL: llm.baseURL,
      });
      bot = await startBot(config, { logger: createSilentLogger() });
      chromium = await launchChromium();
    });
    afterAll(async () => {
      await chromium?.close();
      await bot?.stop();
      await llm?.close();
    });

    it("grows one bubble as the answer arrives, then shows the final answer with its buttons", async () => {
      llm.enqueue(streamedAnswer(["password-reset"], PHRASED, { size: 4, chunkDelayMs: 25 }));
      const page = await chromium.browser.newPage();
      await page.goto(bot.url);
      await page.getByText("Online").waitFor();
      // Every text the newest bot bubble shows, as the page renders it.
      await page.evaluate(() => {
        const seen: string[] = [];
        (window as unknown as { seen: string[] }).seen = seen;
        new MutationObserver(() => {
          const bubbles = document.querySelectorAll(".msg--bot");
          const bubble = bubbles.item(bubbles.length - 1);
          const text = bubble?.querySelector("p")?.textContent ?? "";
          if (text !== "" && text !== seen.at(-1)) seen.push(text);
        }).observe(document.getElementById("log") as Node, { childList: true, subtree: true });
      });
      await page.getByLabel("Your message").fill("How do I reset my password?");
      await page.getByRole("button", { name: "Send" }).click();

      const helpful = page.getByRole("button", { name: "👍 Helpful" });
      await helpful.waitFor();
      expect(await page.locator(".msg--bot").count()).toBe(1);
      const bubble = page.locator(".msg--bot").first();
      expect(await bubble.locator("p").innerText()).toBe(
        "Press Forgot password on the sign-in page and follow the link in the e-mail.",
      );
      expect(await bubble.locator("strong").innerText()).toBe("Forgot password");
      expect(await bubble.getAttribute("aria-busy")).toBeNull();
      const seen = await page.evaluate(() => (window as unknown as { seen: string[] }).seen);
      // Partial Markdown shows as typed (`**Forgo`), so only the start is compared.
      expect(seen.length).toBeGreaterThan(1);
      expect(seen[0]).toMatch(/^P/);
      expect(seen[0]?.length).toBeLessThan(seen.at(-1)?.length ?? 0);
      await page.close();
    });
  },
);
