import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { slackCustomerOptionsFromConfig } from "../../../../adapters/channels/slack/slack-customer-config.ts";
import { parseConfig } from "../../../../src/app/config.ts";
import { startBot } from "../../../../src/app/start-local.ts";
import { createSilentLogger } from "../../../../src/core/logger.ts";
import { ConfigError } from "../../../../src/model/errors.ts";
import { testConfig } from "../../../helpers/bot-harness.ts";
import { type FakeSlackApi, startFakeSlackApi } from "../../desks/slack/fake-slack-api.ts";

const DESK = {
  SLACK_BOT_TOKEN: "xoxb-test-token",
  SLACK_SIGNING_SECRET: "8f742231b10e8888abcd99yyyzzz85a5",
  SLACK_DESK_CHANNEL: "CDESK0001",
};

describe("Slack customer configuration", () => {
  it("is off by default, on with SLACK_CUSTOMERS or support channels", () => {
    expect(slackCustomerOptionsFromConfig(parseConfig({ STORE: "memory" }))).toBeUndefined();
    expect(slackCustomerOptionsFromConfig(parseConfig({ STORE: "memory", SLACK_CUSTOMERS: "true" }))).toEqual(
      {
        supportChannels: [],
      },
    );
    expect(
      slackCustomerOptionsFromConfig(
        parseConfig({ STORE: "memory", SLACK_SUPPORT_CHANNELS: "C0123456789, G0987654321" }),
      ),
    ).toEqual({ supportChannels: ["C0123456789", "G0987654321"] });
  });

  it("names the variable when a channel id is malformed", () => {
    expect(() => parseConfig({ SLACK_SUPPORT_CHANNELS: "#support" })).toThrow(
      /SLACK_SUPPORT_CHANNELS must be channel ids/,
    );
  });

  it("refuses customers without the Slack app, and a channel that is both desk and support", async () => {
    await expect(
      startBot(testConfig({ PORT: "0", SLACK_CUSTOMERS: "true" }), { logger: createSilentLogger() }),
    ).rejects.toThrow(/SLACK_CUSTOMERS\/SLACK_SUPPORT_CHANNELS need the Slack app/);
    await expect(
      startBot(testConfig({ PORT: "0", ...DESK, SLACK_SUPPORT_CHANNELS: "CDESK0001" }), {
        logger: createSilentLogger(),
      }),
    ).rejects.toBeInstanceOf(ConfigError);
  });
});

describe("startBot with Slack customers", () => {
  let api: FakeSlackApi;
  beforeAll(async () => {
    api = await startFakeSlackApi();
  });
  afterAll(() => api.close());

  it("runs the customer channel on the desk's app and shows it on /healthz", async () => {
    const bot = await startBot(
      testConfig({
        PORT: "0",
        HOST: "127.0.0.1",
        ...DESK,
        SLACK_API_URL: api.url,
        SLACK_SUPPORT_CHANNELS: "CSUPPORT01",
      }),
      { logger: createSilentLogger() },
    );
    try {
      const health = (await (await fetch(`http://127.0.0.1:${bot.port}/healthz`)).json()) as {
        channels: Record<string, { status: string }>;
      };
      expect(health.channels.slack?.status).toBe("up");
    } finally {
      await bot.stop();
    }
  });
});
