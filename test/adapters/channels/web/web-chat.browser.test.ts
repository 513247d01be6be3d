import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningBot, startBot } from "../../../../src/app/start-local.ts";
import { createSilentLogger } from "../../../../src/core/logger.ts";
import { hasFixtureKb, testConfig } from "../../../helpers/bot-harness.ts";
import { hasChromium, launchChromium } from "../../../helpers/chromium.ts";

async function ask(page: Page, text: string): Promise<string> {
  const before = await page.locator(".msg--bot").count();
  await page.getByLabel("Your message").fill(text);
  await page.getByRole("button", { name: "Send" }).click();
  await page.locator(".msg--bot").nth(before).waitFor();
  return page.locator(".msg--bot").nth(before).innerText();
}

describe.skipIf(!hasChromium || !hasFixtureKb)("web chat page in headless Chromium", () => {
  let bot: RunningBot;
  let chromium: Awaited<ReturnType<typeof launchChromium>>;

  beforeAll(async () => {
    bot = await startBot(testConfig({ PORT: "0", HOST: "127.0.0.1" }), { logger: createSilentLogger() });
    chromium = await launchChromium();
  });
  afterAll(async () => {
    await chromium?.close();
    await bot?.stop();
  });

  /** What Chromium reported against the Content-Security-Policy (must stay empty). */
  const violations: string[] = [];

  async function openChat(viewport = { width: 1000, height: 800 }): Promise<Page> {
    const page = await chromium.browser.newPage({ viewport });
    page.on("console", (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    await page.goto(bot.url);
    await page.getByText("Online").waitFor();
    return page;
  }

  it("answers an English question in English", async () => {
    const page = await openChat();
    const answer = await ask(page, "How do I reset my password?");
    expect(answer).toContain("Use Forgot password on the sign-in page");
    expect(await page.locator(".msg--bot strong").first().innerText()).toBe("Forgot password");
    await page.close();
  });

  it("answers a Korean question in Korean, marked as Korean for assistive tech", async () => {
    const page = await openChat();
    const answer = await ask(page, "비밀번호를 잊어버렸어요");
    expect(answer).toContain("로그인 화면의 비밀번호 찾기를 이용하세요");
    expect(await page.locator(".msg--bot").last().getAttribute("lang")).toBe("ko");
    await page.close();
  });

  it("offers clarify buttons on a phone-sized screen and answers the one pressed", async () => {
    const page = await openChat({ width: 390, height: 844 });
    await ask(page, "결제");
    const option = page.getByRole("button", { name: "어떤 결제 수단을 쓸 수 있나요?" });
    await option.click();
    await expect.poll(() => page.locator(".msg--bot").count()).toBe(2);
    expect(await page.locator(".msg--bot").last().innerText()).toContain("카카오페이");
    expect(await option.isDisabled()).toBe(true);
    await page.close();
  });

  it("restores the conversation after a reload", async () => {
    const page = await openChat();
    await ask(page, "What payment methods do you accept?");
    await page.reload();
    await page.getByText("Online").waitFor();
    expect(await page.locator(".msg--user").first().innerText()).toBe("What payment methods do you accept?");
    expect(await page.locator(".msg--bot").first().innerText()).toContain("Visa");
    await page.close();
  });

  it("runs under the Content-Security-Policy without a violation", () => {
    expect(violations).toEqual([]);
  });
});
