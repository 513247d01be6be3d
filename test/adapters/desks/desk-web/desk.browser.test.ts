import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { conversationIdOf } from "../../../../adapters/channels/web/web-session.ts";
import { hasFixtureKb } from "../../../helpers/bot-harness.ts";
import { hasChromium, launchChromium } from "../../../helpers/chromium.ts";
import { type DeskBot, startDeskBot } from "./desk-harness.ts";

/** Each step waits this long at most, so a failure names the step instead of timing the test out. */
const STEP_TIMEOUT = 5_000;

/** Opens the customer chat in its own browser context (its own session) and says something. */
async function openCustomer(browser: Browser, url: string, locale = "en-US") {
  const context = await browser.newContext({ locale, viewport: { width: 420, height: 800 } });
  const page = await context.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT);
  await page.goto(url);
  await page.getByText("Online").waitFor();
  // The desk shows the conversation id derived from the page's secret session token.
  const token = await page.evaluate(() => localStorage.getItem("switchboard.session"));
  return { page, conversationId: conversationIdOf(String(token)), close: () => context.close() };
}

/** The customer types and sends; while a person owns the conversation the bot stays silent. */
async function write(page: Page, text: string): Promise<void> {
  await page.getByLabel("Your message").fill(text);
  await page.getByRole("button", { name: "Send" }).click();
}

/** The customer sends and waits for the bot's answer. */
async function say(page: Page, text: string): Promise<void> {
  const before = await page.locator(".msg--bot").count();
  await write(page, text);
  await page.locator(".msg--bot").nth(before).waitFor();
}

async function sendFromDesk(desk: Page, text: string): Promise<void> {
  await desk.getByLabel("Reply to the customer").fill(text);
  await desk.getByLabel("Reply to the customer").press("Enter");
  await expect.poll(() => desk.getByLabel("Reply to the customer").inputValue()).toBe("");
}

const botSays = (page: Page, text: string | RegExp) => page.locator(".msg--bot", { hasText: text });

describe.skipIf(!hasChromium || !hasFixtureKb)("local agent desk in headless Chromium", () => {
  let bot: DeskBot;
  let chromium: Awaited<ReturnType<typeof launchChromium>>;
  let desk: Page;

  beforeAll(async () => {
    bot = await startDeskBot();
    chromium = await launchChromium();
    const context = await chromium.browser.newContext({ viewport: { width: 1280, height: 860 } });
    desk = await context.newPage();
    desk.setDefaultTimeout(STEP_TIMEOUT);
    await desk.goto(`${bot.url}desk`);
    // The agent's name is asked once and kept.
    await desk.getByLabel("Your name (customers see it)").fill("Mina");
    await desk.getByRole("button", { name: "Start" }).click();
    await desk.getByText("Signed in as Mina").waitFor();
    await desk.getByText("Live", { exact: true }).waitFor();
  });
  afterAll(async () => {
    await chromium?.close();
    await bot?.stop();
  });

  it("claim, reply, live customer lines, internal note, close", async () => {
    const customer = await openCustomer(chromium.browser, bot.url);
    await say(customer.page, "My payment was declined");
    await say(customer.page, "/human");

    // The hand-off appears live; selecting and claiming work from the keyboard.
    const item = desk.locator(".handoff", { hasText: customer.conversationId.slice(0, 8) });
    await item.waitFor();
    expect(await item.innerText()).toMatch(
      /normal[\s\S]*My payment was declined[\s\S]*Ticket T-\d+[\s\S]*Waiting for a person/i,
    );
    await item.focus();
    await desk.keyboard.press("Enter");
    await desk.locator("#packet", { hasText: "payment-declined" }).waitFor();
    expect(await desk.locator("#summary").innerText()).toContain("My payment was declined");
    await desk.getByRole("button", { name: "Claim", exact: true }).click();
    await botSays(customer.page, "Mina from support has joined the conversation.").waitFor();
    await desk.locator(".handoff", { hasText: "With you" }).waitFor();
    expect(await desk.getByRole("button", { name: "Claim", exact: true }).isDisabled()).toBe(true);

    await sendFromDesk(desk, "Hi, I can see the declined charge.");
    await botSays(customer.page, "Mina: Hi, I can see the declined charge.").waitFor();

    await write(customer.page, "Thanks, it was my Visa card");
    await desk.locator(".line--customer", { hasText: "Thanks, it was my Visa card" }).waitFor();

    await sendFromDesk(desk, "note: bank says the card expired");
    const note = desk.locator(".line--note", { hasText: "bank says the card expired" });
    await note.waitFor();
    expect(await note.innerText()).toMatch(/Internal note by Mina, not sent to the customer/);
    await desk.getByLabel("Internal note").check();
    await sendFromDesk(desk, "customer is polite, VIP candidate");
    await desk.locator(".line--note", { hasText: "VIP candidate" }).waitFor();
    await desk.screenshot({ path: "/tmp/desk.png", fullPage: true });

    await desk.getByRole("button", { name: "Close", exact: true }).click();
    await botSays(customer.page, "Mina has closed this conversation").waitFor();
    await desk.getByText("No conversations waiting for a person.").waitFor();
    expect(await desk.locator(".handoff").count()).toBe(0);
    const customerSaw = await customer.page.locator(".chat__log").innerText();
    expect(customerSaw).not.toContain("bank says the card expired");
    expect(customerSaw).not.toContain("VIP candidate");
    await customer.close();
  });

  it("a Korean customer gets Korean notices", async () => {
    const customer = await openCustomer(chromium.browser, bot.url, "ko-KR");
    await say(customer.page, "결제가 거절됐어요");
    await say(customer.page, "/human");
    await botSays(customer.page, /상담팀에 대화를 전달했어요/).waitFor();
    const item = desk.locator(".handoff", { hasText: customer.conversationId.slice(0, 8) });
    await item.click();
    await desk.locator("#packet", { hasText: "ko" }).waitFor();
    await desk.getByRole("button", { name: "Claim", exact: true }).click();
    await botSays(customer.page, "상담원 Mina님이 대화에 참여했어요.").waitFor();
    await write(customer.page, "카드 결제가 계속 실패해요");
    const line = desk.locator(".line--customer", { hasText: "카드 결제가 계속 실패해요" });
    await line.waitFor();
    expect(await line.locator(".line__text").getAttribute("lang")).toBe("ko");
    await desk.getByRole("button", { name: "Close", exact: true }).click();
    await botSays(customer.page, "Mina님이 상담을 종료했어요").waitFor();
    await item.waitFor({ state: "detached" });
    await customer.close();
  });

  it("blocks a customer with a reason (required), shows it, and unblocks from the list", async () => {
    const customer = await openCustomer(chromium.browser, bot.url);
    await say(customer.page, "/human");
    const item = desk.locator(".handoff", { hasText: customer.conversationId.slice(0, 8) });
    await item.click();
    await desk.getByRole("button", { name: "Block customer…" }).click();
    const dialog = desk.getByRole("dialog", { name: "Block this customer" });
    await dialog.waitFor();
    // No reason, no block.
    await dialog.getByRole("button", { name: "Block" }).click();
    await dialog.getByText("Write the reason: it is kept on record.").waitFor();
    await dialog.getByLabel("Reason (required, kept on record)").fill("Posted the same scam link 40 times");
    await dialog.getByLabel("For how long").selectOption("24h");
    await dialog.getByRole("button", { name: "Block" }).click();
    await dialog.waitFor({ state: "hidden" });
    await item.locator(".badge--blocked", { hasText: "Blocked" }).waitFor();
    await desk.locator("#packet", { hasText: "by Mina: Posted the same scam link 40 times" }).waitFor();
    const listed = desk.locator(".block", { hasText: "Posted the same scam link 40 times" });
    await listed.waitFor();
    expect(await listed.innerText()).toMatch(
      /^web:[\s\S]+Posted the same scam link 40 times[\s\S]+until .+ · by Mina/,
    );
    expect(await desk.getByRole("button", { name: "Unblock customer" }).isVisible()).toBe(true);

    // The customer is told once, then nothing: their messages are not even relayed to the desk.
    await write(customer.page, "hello??");
    await botSays(customer.page, "You can no longer message support here.").waitFor();
    const botLines = await customer.page.locator(".msg--bot").count();
    const handled = vi.spyOn(bot.app.bot, "handle");
    await write(customer.page, "still blocked?");
    // Waits for the core to have decided about that message (the page shows nothing when it is dropped).
    const outcome = async () => {
      const index = handled.mock.calls.findIndex(
        ([event]) => "text" in event && event.text === "still blocked?",
      );
      return index < 0 ? undefined : (await handled.mock.results[index]?.value)?.refused;
    };
    await expect.poll(outcome).toBe("blocked");
    handled.mockRestore();
    expect(await customer.page.locator(".msg--bot").count()).toBe(botLines);
    expect(await desk.locator(".line--customer", { hasText: "still blocked?" }).count()).toBe(0);

    await listed.getByRole("button", { name: /^Unblock web:/ }).click();
    await desk.getByText("Nobody is blocked.").waitFor();
    await item.locator(".badge--blocked").waitFor({ state: "detached" });
    await desk.locator(".line--system", { hasText: "Customer unblocked by Mina" }).waitFor();
    await write(customer.page, "What payment methods do you accept?");
    await desk.locator(".line--customer", { hasText: "What payment methods do you accept?" }).waitFor();
    await desk.getByRole("button", { name: "Close", exact: true }).click();
    await customer.close();
  });

  it("works on a phone: list above the thread, no sideways scrolling", async () => {
    const customer = await openCustomer(chromium.browser, bot.url);
    await say(customer.page, "/human");
    const context = await chromium.browser.newContext({ viewport: { width: 390, height: 844 } });
    const phone = await context.newPage();
    phone.setDefaultTimeout(STEP_TIMEOUT);
    await phone.addInitScript(() => localStorage.setItem("switchboard.desk.agent", "Mina"));
    await phone.goto(`${bot.url}desk`);
    await phone.locator(".handoff", { hasText: customer.conversationId.slice(0, 8) }).click();
    await phone.getByRole("button", { name: "Claim", exact: true }).click();
    await phone.locator(".line--system", { hasText: "Mina claimed the conversation" }).waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await phone.getByRole("button", { name: "Close", exact: true }).click();
    await botSays(customer.page, "Mina has closed this conversation").waitFor();
    await context.close();
    await customer.close();
  });
});
