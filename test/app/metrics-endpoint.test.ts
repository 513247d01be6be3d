import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningBot, startBot } from "../../src/app/start-local.ts";
import { createSilentLogger } from "../../src/core/logger.ts";
import { sessionToken } from "../adapters/channels/web/web-client.ts";
import { hasFixtureKb, testConfig } from "../helpers/bot-harness.ts";
import { parsePrometheusText, type Sample, sumOf } from "../helpers/prometheus-text.ts";

const TOKEN = "metrics-test-token-0123456789abcdef";

async function scrape(bot: RunningBot, headers: Record<string, string> = {}): Promise<Sample[]> {
  const response = await fetch(`http://127.0.0.1:${bot.port}/metrics`, { headers });
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
  return parsePrometheusText(await response.text());
}

/** GET /metrics with a Host header of our choosing (fetch does not let one set it). */
function statusWithHost(port: number, host: string): Promise<number | undefined> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path: "/metrics", headers: { host } }, (response) => {
      response.resume();
      resolve(response.statusCode);
    });
    req.on("error", reject);
    req.end();
  });
}

async function post(bot: RunningBot, body: Record<string, string>) {
  const response = await fetch(`http://127.0.0.1:${bot.port}/api/chat/messages`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ type: "message", ...body }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as { duplicate: boolean; replies: { text: string }[] };
}

describe.skipIf(!hasFixtureKb)("GET /metrics through the bot's HTTP server", () => {
  let bot: RunningBot;
  let guarded: RunningBot;

  beforeAll(async () => {
    bot = await startBot(testConfig({ PORT: "0", HOST: "127.0.0.1", METRICS_PROCESS: "bot-a" }), {
      logger: createSilentLogger(),
    });
    guarded = await startBot(
      testConfig({ PORT: "0", HOST: "127.0.0.1", METRICS_PROCESS: "bot-b", DESK_TOKEN: TOKEN }),
      { logger: createSilentLogger() },
    );
  });
  afterAll(async () => {
    await bot?.stop();
    await guarded?.stop();
  });

  it("counts English and Korean turns by channel and action, and times them", async () => {
    const before = await scrape(bot);
    expect(sumOf(before, "switchboard_turns_total", { channel: "web" })).toBe(0);

    const en = await post(bot, {
      session: sessionToken("metrics-en"),
      id: "m-en",
      text: "How do I reset my password?",
    });
    expect(en.replies[0]?.text).toMatch(/password/i);
    const ko = await post(bot, {
      session: sessionToken("metrics-ko"),
      id: "m-ko",
      text: "비밀번호를 잊어버렸어요",
    });
    expect(ko.replies[0]?.text).toMatch(/비밀번호/);

    const after = await scrape(bot);
    expect(sumOf(after, "switchboard_turns_total", { channel: "web", action: "answer" })).toBe(2);
    expect(
      sumOf(after, "switchboard_turn_duration_seconds_count", { channel: "web", outcome: "processed" }),
    ).toBe(2);
    expect(sumOf(after, "switchboard_turn_duration_seconds_sum", { channel: "web" })).toBeGreaterThan(0);
    // Every series carries the process label (default labels), Node's own metrics included.
    const turns = after.filter((sample) => sample.name === "switchboard_turns_total");
    expect(turns.every((sample) => sample.labels.process === "bot-a")).toBe(true);
    expect(after.some((sample) => sample.name === "process_cpu_user_seconds_total")).toBe(true);
  });

  it("times a duplicate delivery apart and does not count it as a turn", async () => {
    const session = sessionToken("metrics-dup");
    await post(bot, { session, id: "d-1", text: "hello" });
    const before = await scrape(bot);
    expect((await post(bot, { session, id: "d-1", text: "hello" })).duplicate).toBe(true);
    const after = await scrape(bot);
    expect(sumOf(after, "switchboard_turns_total")).toBe(sumOf(before, "switchboard_turns_total"));
    expect(sumOf(after, "switchboard_turn_duration_seconds_count", { outcome: "duplicate" })).toBe(1);
  });

  it("reports open hand-offs and tickets on each scrape (Korean request for a person)", async () => {
    const before = await scrape(bot);
    expect(sumOf(before, "switchboard_handoffs_open")).toBe(0);
    await post(bot, { session: sessionToken("metrics-human"), id: "h-1", text: "상담원 연결해 주세요" });
    const after = await scrape(bot);
    expect(sumOf(after, "switchboard_handoffs_open", { status: "queued" })).toBe(1);
    expect(sumOf(after, "switchboard_tickets_open")).toBe(1);
    expect(sumOf(after, "switchboard_turns_total", { action: "escalate" })).toBe(1);
  });

  it("keeps each app's registry apart: the second bot counted none of the first one's turns", async () => {
    const other = await scrape(guarded, { authorization: `Bearer ${TOKEN}` });
    expect(sumOf(other, "switchboard_turns_total")).toBe(0);
    expect(other.filter((s) => s.name === "switchboard_turns_total").length).toBe(0);
    expect(other.find((s) => s.name === "process_cpu_user_seconds_total")?.labels.process).toBe("bot-b");
  });

  it("refuses a request relayed by a proxy (not this machine) when no DESK_TOKEN is set", async () => {
    const response = await fetch(`http://127.0.0.1:${bot.port}/metrics`, {
      headers: { "x-forwarded-for": "203.0.113.7" },
    });
    expect(response.status).toBe(403);
    expect(((await response.json()) as { error: string }).error).toMatch(/DESK_TOKEN/);
    // A DNS-rebound name (a page of another site reaching this machine) is refused too.
    expect(await statusWithHost(bot.port, "metrics.example.com")).toBe(403);
    expect(await statusWithHost(bot.port, `127.0.0.1:${bot.port}`)).toBe(200);
  });

  it("with DESK_TOKEN, asks every scrape for it (even from loopback) and takes the bearer token", async () => {
    const url = `http://127.0.0.1:${guarded.port}/metrics`;
    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(url, { headers: { authorization: "Bearer wrong-token-wrong-token" } })).status).toBe(
      401,
    );
    expect((await fetch(`${url}?token=${TOKEN}`)).status).toBe(401);
    expect(
      (await fetch(url, { headers: { authorization: `Bearer ${TOKEN}`, "x-forwarded-for": "203.0.113.7" } }))
        .status,
    ).toBe(200);
  });
});
