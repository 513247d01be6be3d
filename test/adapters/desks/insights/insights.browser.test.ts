import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasChromium, launchChromium } from "../../../helpers/chromium.ts";
import { screenshot } from "../../../helpers/screenshots.ts";
import { type Expected, expectedInsights } from "../../../insights/expected-insights.ts";
import { GAP_GROUPS, recordGapGroups } from "../../../insights/gap-seed.ts";
import { type InsightsBot, startInsightsBot } from "./insights-harness.ts";

const STEP_TIMEOUT = 10_000;

/** Every headline value on the page, by its `data-metric` name ("" for none). */
async function metrics(page: Page): Promise<Record<string, string>> {
  return page.$$eval("[data-metric]", (elements) =>
    Object.fromEntries(
      elements.map((e) => [(e as HTMLElement).dataset.metric, (e as HTMLElement).dataset.value]),
    ),
  );
}

const text = (value: number | null) => (value === null ? "" : String(value));

function headlineOf(expected: Expected): Record<string, string> {
  return {
    conversations: text(expected.conversations),
    resolvedByBot: text(expected.resolvedByBot),
    deflectionRate: text(expected.deflectionRate),
    escalated: text(expected.escalated),
    ticketsOpened: text(expected.ticketsOpened),
    ticketsSolved: text(expected.ticketsSolved),
    "firstResponse.median": text(expected.firstResponse.median),
    "firstResponse.p90": text(expected.firstResponse.p90),
    "firstResponse.target": "24",
    "resolution.median": text(expected.resolution.median),
    "resolution.p90": text(expected.resolution.p90),
    "resolution.target": "72",
    slaMetRate: text(expected.slaMetRate),
    csatBot: text(expected.csatBot),
    "csatBot.responses": text(expected.csatBotResponses),
    csatHuman: text(expected.csatHuman),
    "csatHuman.satisfiedRate": text(expected.csatHumanSatisfied),
    "csatHuman.responses": text(expected.csatHumanResponses),
  };
}

async function apply(page: Page, choices: Record<string, string>): Promise<void> {
  for (const [name, value] of Object.entries(choices)) await page.locator(`#${name}`).selectOption(value);
  await page.locator("#filters button[type=submit]").click();
  await page.locator("body[data-state=ready]").waitFor();
}

/** Pixels drawn on a chart's canvas (uPlot draws series and axes there). */
async function paintedPixels(page: Page, chart: string): Promise<number> {
  return page.$eval(`#${chart} canvas`, (canvas) => {
    const c = canvas as HTMLCanvasElement;
    const data = c.getContext("2d")?.getImageData(0, 0, c.width, c.height).data ?? new Uint8ClampedArray();
    let painted = 0;
    for (let i = 3; i < data.length; i += 4) if ((data[i] ?? 0) > 0) painted++;
    return painted;
  });
}

async function downloadCsv(page: Page, table: string): Promise<string> {
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.locator(`button.csv[data-table=${table}]`).click(),
  ]);
  const file = await download.path();
  return readFileSync(file, "utf8");
}

describe.skipIf(!hasChromium)("/insights in headless Chromium (seeded 30 days, EN and KO)", () => {
  let bot: InsightsBot;
  let chromium: Awaited<ReturnType<typeof launchChromium>>;
  const zone = "Asia/Seoul";

  beforeAll(async () => {
    bot = await startInsightsBot();
    await recordGapGroups(bot.app.unanswered, "i");
    await bot.app.unanswered.record({ text: "ok", language: "en", nearest: [], conversation: "web:noise" });
    chromium = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await chromium?.close();
    await bot?.stop();
  });

  async function open(options: { lang: string; width: number; height: number; locale: string }) {
    const context = await chromium.browser.newContext({
      locale: options.locale,
      viewport: { width: options.width, height: options.height },
      acceptDownloads: true,
    });
    const page = await context.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT);
    await page.goto(`${bot.url}insights?lang=${options.lang}`);
    await page.locator("body[data-state=ready]").waitFor();
    return { page, close: () => context.close() };
  }

  it("shows the independently computed numbers, draws the charts, filters and exports CSV (English, laptop)", async () => {
    const { page, close } = await open({ lang: "en", width: 1280, height: 900, locale: "en-US" });
    const all = expectedInsights(bot.seed, { days: 30, timeZone: zone });
    expect(all.conversations).toBeGreaterThan(50);
    expect(all.ticketsOpened).toBeGreaterThan(10);
    expect(await metrics(page)).toEqual(headlineOf(all));
    await page.getByRole("heading", { name: "Volume over time" }).waitFor();
    expect(await page.locator('[data-metric="deflectionRate"]').textContent()).toBe(
      `${Math.round((all.deflectionRate ?? 0) * 100)} %`,
    );

    for (const chart of ["volume-chart", "intent-chart", "sentiment-chart"]) {
      expect(await paintedPixels(page, chart), chart).toBeGreaterThan(500);
    }
    expect(await page.locator("#busiest tbody td").count()).toBe(7 * 24);
    const heatTotal = await page.$$eval("#busiest tbody td", (cells) =>
      cells.reduce((sum, cell) => sum + Number((cell as HTMLElement).title), 0),
    );
    expect(heatTotal).toBe(bot.seed.turns.filter((t) => t.at >= bot.seed.now - 30 * 86_400_000).length);
    // The FAQ gaps: one cluster per paraphrase group, no noise, no personal data on the page.
    expect(await page.locator("#gaps > li").count()).toBe(Object.keys(GAP_GROUPS).length);
    const gapsText = (await page.locator("#gaps").textContent()) ?? "";
    expect(gapsText).not.toContain("jane.doe@example.com");
    expect(gapsText).not.toContain("010-1234-5678");
    expect(gapsText).toContain("j•••@example.com");
    await screenshot(page, "insights-laptop.png", { fullPage: true });

    // CSV of the volume table: one row per day of the period, the counts computed above.
    const volumeCsv = (await downloadCsv(page, "volume")).trim().split("\r\n");
    expect(volumeCsv[0]).toBe("Day,Conversations,Tickets opened");
    const rows = volumeCsv.slice(1).map((line) => line.split(","));
    expect(rows.length).toBeGreaterThanOrEqual(30);
    for (const [day, conversations, tickets] of rows) {
      const want = all.volume.get(String(day)) ?? { conversations: 0, tickets: 0 };
      expect([day, Number(conversations), Number(tickets)]).toEqual([day, want.conversations, want.tickets]);
    }
    const entriesCsv = (await downloadCsv(page, "entries")).trim().split("\r\n").slice(1);
    expect(
      Object.fromEntries(
        entriesCsv.map((line) => {
          const [id, answers, helpful, notHelpful] = line.split(",");
          return [id, { answers: Number(answers), helpful: Number(helpful), notHelpful: Number(notHelpful) }];
        }),
      ),
    ).toEqual(Object.fromEntries(all.entries));
    const headlineCsv = await downloadCsv(page, "headline");
    expect(headlineCsv).toContain(`conversations,${all.conversations}\r\n`);
    expect(headlineCsv).toContain(`slaMetRate,${all.slaMetRate}\r\n`);

    // Filters change the numbers, to the values computed for the same filter.
    await apply(page, { language: "ko" });
    const korean = expectedInsights(bot.seed, { days: 30, language: "ko", timeZone: zone });
    expect(korean.conversations).toBeLessThan(all.conversations);
    expect(await metrics(page)).toEqual(headlineOf(korean));
    await apply(page, { language: "", team: "billing" });
    expect(await metrics(page)).toEqual(
      headlineOf(expectedInsights(bot.seed, { days: 30, team: "billing", timeZone: zone })),
    );
    await apply(page, { team: "", channel: "telegram", period: "7" });
    const week = expectedInsights(bot.seed, { days: 7, channel: "telegram", timeZone: zone });
    expect(await metrics(page)).toEqual(headlineOf(week));
    const weekCsv = (await downloadCsv(page, "volume")).trim().split("\r\n").slice(1);
    expect(weekCsv.length).toBeGreaterThanOrEqual(7);
    expect(weekCsv.length).toBeLessThanOrEqual(8);
    await close();
  }, 90_000);

  it("reads in Korean on a phone with the same numbers", async () => {
    const { page, close } = await open({ lang: "ko", width: 390, height: 844, locale: "ko-KR" });
    await page.getByRole("heading", { name: "상담 인사이트" }).waitFor();
    await page.getByRole("heading", { name: "기간별 문의량" }).waitFor();
    expect(await metrics(page)).toEqual(headlineOf(expectedInsights(bot.seed, { days: 30, timeZone: zone })));
    expect(await paintedPixels(page, "volume-chart")).toBeGreaterThan(500);
    // Nothing wider than the phone: the page scrolls down, not sideways (the heat map scrolls inside its panel).
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const csv = (await downloadCsv(page, "volume")).split("\r\n")[0];
    expect(csv).toBe("날짜,대화,접수된 티켓");
    // No screenshot in Korean: the CI image has no CJK font, so the page would show boxes.
    await close();
    const english = await open({ lang: "en", width: 390, height: 844, locale: "en-US" });
    await screenshot(english.page, "insights-phone.png", { fullPage: true });
    await english.close();
  }, 90_000);
});
