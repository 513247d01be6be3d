import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSlackDigestPoster } from "../../adapters/desks/slack-digest/slack-digest-poster.ts";
import { createMemoryCoordinator } from "../../src/coordination/memory-coordinator.ts";
import { createSilentLogger } from "../../src/core/logger.ts";
import { computeInsights } from "../../src/insights/compute-insights.ts";
import { digestOptionsFromConfig } from "../../src/insights/digest/digest-config.ts";
import { parseDigestTime, startDigestJob } from "../../src/insights/digest/digest-job.ts";
import { composeDigest } from "../../src/insights/digest/digest-text.ts";
import type { GapCluster } from "../../src/insights/gaps/gap-clusters.ts";
import { ConfigError } from "../../src/model/errors.ts";
import { type FakeSlackApi, startFakeSlackApi } from "../adapters/desks/slack/fake-slack-api.ts";

const HOUR = 3_600_000;
// Monday 7 December 2026, 09:05 in Seoul.
const MONDAY_0905 = Date.UTC(2026, 11, 7, 0, 5);

function weekReport() {
  const since = MONDAY_0905 - 7 * 24 * HOUR;
  const turn = (conversation: string, action: string, at: number) => ({
    conversation,
    channel: "web",
    language: "en",
    action,
    intent: null,
    sentiment: null,
    faqId: action === "answer" ? "refund-policy" : null,
    escalationReason: null,
    at,
  });
  return computeInsights(
    {
      tickets: [],
      turns: [
        turn("a", "answer", since + HOUR),
        turn("b", "answer", since + 2 * HOUR),
        turn("c", "escalate", since + 3 * HOUR),
      ],
      feedback: [{ entryId: "refund-policy", helpful: true, language: "en", at: since + HOUR }],
    },
    {
      range: { since, until: MONDAY_0905 },
      filters: {},
      timeZone: "Asia/Seoul",
      targets: { firstResponseHours: 24, resolutionHours: 72 },
      now: MONDAY_0905,
    },
  );
}

const GAP: GapCluster = {
  id: "g",
  count: 4,
  clarified: 0,
  languages: ["en", "ko"],
  questions: [{ text: "Do you sell *gift* cards?", language: "en", count: 3 }],
  lastAt: MONDAY_0905,
};

describe("the weekly insights digest", () => {
  it("says the week's numbers and top gaps in English and Korean, customers' words escaped", () => {
    const english = composeDigest(weekReport(), [GAP], "en");
    expect(english).toContain("**Support this week** (2026-11-30 – 2026-12-07)");
    expect(english).toContain("Conversations: 3, resolved by the bot 67 %");
    expect(english).toContain("CSAT: bot answers helpful 100 %");
    expect(english).toContain("4× “Do you sell \\*gift\\* cards?” (en, ko)");
    const korean = composeDigest(weekReport(), [], "ko");
    expect(korean).toContain("대화 3건, 봇이 해결 67 %");
    expect(korean).toContain("이번 주에는 답하지 못한 질문이 없습니다.");
  });

  it("is off without a channel, needs the Slack bot token with one, and reads its weekly time", () => {
    expect(digestOptionsFromConfig({ INSIGHTS_DIGEST_AT: "mon 09:00" })).toBeUndefined();
    expect(() =>
      digestOptionsFromConfig({ INSIGHTS_DIGEST_CHANNEL: "C0123456789", INSIGHTS_DIGEST_AT: "mon 09:00" }),
    ).toThrow(/SLACK_BOT_TOKEN/);
    expect(parseDigestTime("fri 17:30")).toEqual({ weekday: 5, minuteOfDay: 17 * 60 + 30 });
    expect(() => parseDigestTime("monday 9am")).toThrow(ConfigError);
  });

  it("posts once on the day at or after its time, across processes, and retries after a failure", async () => {
    const coordinator = createMemoryCoordinator();
    let clock = MONDAY_0905 - 10 * 60_000;
    let sent = 0;
    let fail = true;
    const job = (name: string) =>
      startDigestJob({
        at: parseDigestTime("mon 09:00"),
        timeZone: "Asia/Seoul",
        coordinator,
        now: () => clock,
        logger: createSilentLogger().child({ name }),
        intervalMs: 3_600_000,
        send: async () => {
          if (fail) {
            fail = false;
            throw new Error("Slack is down");
          }
          sent++;
        },
      });
    const [a, b] = [job("a"), job("b")];
    expect(await a.runOnce()).toBe(false);
    clock = MONDAY_0905;
    await expect(a.runOnce()).rejects.toThrow("Slack is down");
    expect(await b.runOnce()).toBe(true);
    expect(await a.runOnce()).toBe(false);
    clock += 24 * HOUR;
    expect(await a.runOnce()).toBe(false);
    expect(sent).toBe(1);
    a.stop();
    b.stop();
    await coordinator.close();
  });
});

describe("the digest on Slack", () => {
  let slack: FakeSlackApi;
  beforeAll(async () => {
    slack = await startFakeSlackApi();
  });
  afterAll(() => slack?.close());

  it("is posted with chat.postMessage as mrkdwn to the configured channel", async () => {
    const poster = createSlackDigestPoster({
      token: "xoxb-test-token",
      channel: "C0123456789",
      apiUrl: slack.url,
    });
    await poster.post(composeDigest(weekReport(), [GAP], "en"));
    const [call] = slack.callsTo("chat.postMessage");
    expect(call?.args.channel).toBe("C0123456789");
    expect(String(call?.args.text)).toContain("*Support this week*");
    expect(call?.token).toBe("xoxb-test-token");
  });
});
