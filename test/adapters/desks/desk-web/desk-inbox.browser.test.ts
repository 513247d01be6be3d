import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTelegramAdapter } from "../../../../adapters/channels/telegram/telegram-adapter.ts";
import { createSilentLogger } from "../../../../src/core/logger.ts";
import { hasFixtureKb } from "../../../helpers/bot-harness.ts";
import { hasChromium, launchChromium } from "../../../helpers/chromium.ts";
import { screenshot } from "../../../helpers/screenshots.ts";
import { type Emulator, freePort, TelegramServer } from "../../../helpers/telegram-emulator.ts";
import { TEST_TOKEN } from "../../channels/telegram/fake-bot-api.ts";
import { type DeskBot, startDeskBot } from "./desk-harness.ts";

// The package's CommonJS export is the class itself; its typings describe it as `default`.
type Client = ReturnType<Emulator["getClient"]>;

/** Each step waits this long at most, so a failure names the step instead of timing the test out. */
const STEP_TIMEOUT = 8_000;

describe.skipIf(!hasChromium || !hasFixtureKb)(
  "the desk inbox in headless Chromium, with a customer on Telegram (telegram-test-api)",
  () => {
    let emulator: Emulator;
    let bot: DeskBot;
    let chromium: Awaited<ReturnType<typeof launchChromium>>;
    let desk: Page;
    let customer: Client;

    /** Every message the bot sent to this client's Telegram chat so far (the history holds every chat's). */
    async function telegramSaw(client: Client, chatId = 7301): Promise<string> {
      const history = (await client.getUpdatesHistory()) as unknown as {
        message: { chat_id: number | string; text?: string };
      }[];
      return history
        .filter((item) => String(item.message.chat_id) === String(chatId))
        .map((item) => item.message.text ?? "")
        .join("\n");
    }

    beforeAll(async () => {
      const port = await freePort();
      emulator = new TelegramServer({ port, host: "127.0.0.1", storeTimeout: 120 });
      await emulator.start();
      customer = emulator.getClient(TEST_TOKEN, { chatId: 7301, userId: 7301, timeout: 8_000, interval: 20 });
      const telegram = createTelegramAdapter({
        token: TEST_TOKEN,
        apiRoot: emulator.config.apiURL,
        logger: createSilentLogger(),
        polling: { timeoutSeconds: 0, idleDelayMs: 15 },
      });
      bot = await startDeskBot({ adapters: [telegram] });
      chromium = await launchChromium();
      const context = await chromium.browser.newContext({ viewport: { width: 1366, height: 900 } });
      await context.addInitScript(() => localStorage.setItem("switchboard.desk.agent", "Mina"));
      desk = await context.newPage();
      desk.setDefaultTimeout(STEP_TIMEOUT);
      await desk.goto(`${bot.url}desk`);
      await desk.getByText("Live", { exact: true }).waitFor();
    });
    afterAll(async () => {
      await chromium?.close();
      await bot?.stop();
      await emulator?.stop();
    });

    it("a form ticket: filter, search, open, reply on Telegram, waiting on customer, transfer, solve (CSAT), history", async () => {
      // Another customer's billing ticket, so filters have something to leave out.
      const other = emulator.getClient(TEST_TOKEN, {
        chatId: 7302,
        userId: 7302,
        timeout: 8_000,
        interval: 20,
      });
      await other.sendCommand(
        other.makeCommand("/ticket I was charged twice for order PM-20931, please refund one"),
      );
      await expect
        .poll(() => telegramSaw(other, 7302), { timeout: STEP_TIMEOUT })
        .toMatch(/opened ticket <b>T-\d+/);

      await customer.sendCommand(
        customer.makeCommand("/ticket My exported PDF has broken Korean fonts on every page"),
      );
      await expect
        .poll(() => telegramSaw(customer), { timeout: STEP_TIMEOUT })
        .toMatch(/opened ticket <b>T-\d+/);
      const id = /opened ticket <b>(T-\d+)/.exec(await telegramSaw(customer))?.[1] ?? "";
      const item = desk.locator(".handoff", { hasText: id });
      await item.waitFor();
      await expect.poll(() => desk.locator(".handoff").count()).toBe(2);

      // Filter by team, then search by ticket id and by words.
      await desk.getByLabel("Team", { exact: true }).selectOption("Technical support");
      await expect.poll(() => desk.locator(".handoff").count()).toBe(1);
      await item.waitFor();
      await desk.getByLabel("Team", { exact: true }).selectOption("");
      await expect.poll(() => desk.locator(".handoff").count()).toBe(2);
      await desk.getByLabel("Search tickets").fill("charged twice");
      await expect.poll(() => item.count()).toBe(0);
      await expect.poll(() => desk.locator(".handoff").count()).toBe(1);
      await desk.getByLabel("Search tickets").fill(id);
      await item.waitFor();
      await expect.poll(() => desk.locator(".handoff", { hasText: "charged twice" }).count()).toBe(0);
      await desk.getByLabel("Search tickets").fill("");
      await expect.poll(() => desk.locator(".handoff").count()).toBe(2);
      await expect.poll(() => item.locator(".sla").count()).toBe(1);

      // Open it and reply: the customer gets it on Telegram.
      await item.click();
      await desk.locator("#ticket-title", { hasText: `Ticket ${id} · New` }).waitFor();
      await screenshot(desk, "desk-inbox.png");
      await desk.getByLabel("Reply to the customer").fill("Which app version are you on?");
      await desk.getByLabel("Reply to the customer").press("Enter");
      await expect
        .poll(() => telegramSaw(customer), { timeout: STEP_TIMEOUT })
        .toContain("<b>Mina:</b> Which app version are you on?");

      // The owner may reveal the unmasked text; the reveal is on the ticket's record.
      await desk.getByRole("button", { name: "Reveal personal data (recorded)" }).click();
      await desk.locator("#revealed", { hasText: "this is recorded on the ticket" }).waitFor();
      await desk
        .locator("#events", { hasText: "personal data revealed · Mina" })
        .waitFor({ state: "attached" });

      // Waiting on the customer: they are asked; their reply moves it back.
      await desk.getByRole("button", { name: "Waiting on customer" }).click();
      await desk.locator("#ticket-title", { hasText: "Waiting on customer" }).waitFor();
      await expect
        .poll(() => telegramSaw(customer), { timeout: STEP_TIMEOUT })
        .toMatch(/needs a bit more information from you/);
      await customer.sendMessage(customer.makeMessage("Version 2.3 on Windows 11"));
      await desk.locator(".line--customer", { hasText: "Version 2.3 on Windows 11" }).waitFor();
      await desk.locator("#ticket-title", { hasText: `Ticket ${id} · Open` }).waitFor();

      // Transfer to another team with a note: the customer is told, the other team's view shows it.
      await desk.getByLabel("Transfer to team").selectOption("Refunds and claims");
      await desk.getByLabel("Note for them (internal)").fill("They were charged for the export add-on too");
      await desk.getByRole("button", { name: "Transfer" }).click();
      await expect
        .poll(() => telegramSaw(customer), { timeout: STEP_TIMEOUT })
        .toMatch(/specialist from our Refunds and claims team has taken over/);
      await desk.locator(".line--note", { hasText: "charged for the export add-on" }).waitFor();
      await desk.locator("#events").evaluate((events) => {
        (events.parentElement as HTMLDetailsElement).open = true;
      });
      await screenshot(desk, "desk-conversation.png");
      await desk.getByLabel("Team", { exact: true }).selectOption("Refunds and claims");
      await item.waitFor();
      await desk.getByLabel("Team", { exact: true }).selectOption("");

      // Solve: the customer is asked to rate; the item leaves the open inbox.
      await desk.getByRole("button", { name: "Solve" }).click();
      await expect
        .poll(() => telegramSaw(customer), { timeout: STEP_TIMEOUT })
        .toMatch(/How would you rate our help with <b>T-\d+<\/b>/);
      await item.waitFor({ state: "detached" });

      // History: it is there; marked closed, it shows closed.
      await desk.getByLabel("Open or history").selectOption("history");
      await item.click();
      await desk.getByRole("button", { name: "Mark closed" }).click();
      await item.locator(".handoff__status", { hasText: "Closed" }).waitFor();
      await desk.locator("#events", { hasText: "Solved → Closed" }).waitFor({ state: "attached" });
      await expect.poll(() => telegramSaw(customer), { timeout: STEP_TIMEOUT }).toMatch(/is closed\./);
      await desk.getByLabel("Open or history").selectOption("open");

      // The inbox on a phone: one column, no sideways scrolling.
      const phoneContext = await chromium.browser.newContext({ viewport: { width: 390, height: 844 } });
      await phoneContext.addInitScript(() => localStorage.setItem("switchboard.desk.agent", "Mina"));
      const phone = await phoneContext.newPage();
      phone.setDefaultTimeout(STEP_TIMEOUT);
      await phone.goto(`${bot.url}desk`);
      await phone.locator(".handoff").first().waitFor();
      expect(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(
        true,
      );
      await screenshot(phone, "desk-inbox-phone.png");
      await phoneContext.close();
    });
  },
);
