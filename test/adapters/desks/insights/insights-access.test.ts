import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type InsightsBot, startInsightsBot } from "./insights-harness.ts";

describe("/insights follows the desk's access rule", () => {
  let bot: InsightsBot;
  beforeAll(async () => {
    bot = await startInsightsBot({ token: "s3cret-token" });
  });
  afterAll(() => bot?.stop());

  it("refuses the API and the page without the desk token, and serves them with it", async () => {
    expect((await fetch(`${bot.url}api/insights`)).status).toBe(401);
    expect(
      (await fetch(`${bot.url}api/insights`, { headers: { authorization: "Bearer wrong" } })).status,
    ).toBe(401);
    expect((await fetch(`${bot.url}insights?token=wrong`)).status).toBe(401);
    // A token in the query string is for the page only, never for the API.
    expect((await fetch(`${bot.url}api/insights?token=s3cret-token`)).status).toBe(401);
    const api = await fetch(`${bot.url}api/insights?period=7`, {
      headers: { authorization: "Bearer s3cret-token" },
    });
    expect(api.status).toBe(200);
    expect(
      ((await api.json()) as { headline: { conversations: number } }).headline.conversations,
    ).toBeGreaterThan(0);
    expect((await fetch(`${bot.url}insights?token=s3cret-token`)).status).toBe(200);
  });

  it("refuses a bad period with a message, and serves uPlot from the installed package", async () => {
    const bad = await fetch(`${bot.url}api/insights?period=custom&from=2026-02-01`, {
      headers: { authorization: "Bearer s3cret-token" },
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toContain("from and to");
    const uplot = await fetch(`${bot.url}insights/uplot.js`);
    expect(uplot.status).toBe(200);
    expect(await uplot.text()).toContain("uPlot");
  });
});

describe("/insights without a token", () => {
  let bot: InsightsBot;
  beforeAll(async () => {
    bot = await startInsightsBot();
  });
  afterAll(() => bot?.stop());

  it("answers this machine but not a request relayed by a proxy or sent from another site", async () => {
    expect((await fetch(`${bot.url}api/insights`)).status).toBe(200);
    expect(
      (await fetch(`${bot.url}api/insights`, { headers: { "x-forwarded-for": "203.0.113.9" } })).status,
    ).toBe(403);
    expect(
      (await fetch(`${bot.url}api/insights`, { headers: { origin: "https://evil.example" } })).status,
    ).toBe(403);
  });
});
