import { describe, expect, it } from "vitest";
import { z } from "zod";
import { slackConfigSchema, slackOptionsFromEnv } from "../../../../adapters/desks/slack/slack-config.ts";
import { ConfigError } from "../../../../src/model/errors.ts";

const base = {
  SLACK_BOT_TOKEN: "xoxb-1234-5678-abcdef",
  SLACK_SIGNING_SECRET: "8f742231b10e8888abcd99yyyzzz85a5",
  SLACK_DESK_CHANNEL: "C0123456789",
};

describe("Slack configuration", () => {
  it("is disabled without SLACK_BOT_TOKEN", () => {
    expect(slackOptionsFromEnv({ PORT: "3000", SLACK_API_URL: "" })).toBeUndefined();
  });

  it("reads HTTP mode with team channels and groups", () => {
    expect(
      slackOptionsFromEnv({
        ...base,
        SLACK_TEAM_CHANNELS: " billing=C0BILLING1, Technical support=C0TECH001 ",
        SLACK_TEAM_GROUPS: "billing=S0BILLING1",
      }),
    ).toEqual({
      token: base.SLACK_BOT_TOKEN,
      signingSecret: base.SLACK_SIGNING_SECRET,
      apiUrl: "https://slack.com/api/",
      defaultChannel: "C0123456789",
      teamChannels: { billing: "C0BILLING1", "technical support": "C0TECH001" },
      teamGroups: { billing: "S0BILLING1" },
    });
  });

  it("reads Socket Mode and a custom API URL", () => {
    const { SLACK_SIGNING_SECRET: _, ...socket } = base;
    expect(
      slackOptionsFromEnv({
        ...socket,
        SLACK_APP_TOKEN: "xapp-1-A01-123-abc",
        SLACK_API_URL: "http://127.0.0.1:9/api/",
      }),
    ).toMatchObject({ appToken: "xapp-1-A01-123-abc", apiUrl: "http://127.0.0.1:9/api/" });
  });

  it.each([
    [
      { ...base, SLACK_SIGNING_SECRET: undefined },
      /set SLACK_SIGNING_SECRET \(HTTP mode.*or SLACK_APP_TOKEN \(Socket Mode/,
    ],
    [{ ...base, SLACK_DESK_CHANNEL: undefined }, /SLACK_DESK_CHANNEL is missing/],
    [{ SLACK_DESK_CHANNEL: "C0123456789" }, /SLACK_DESK_CHANNEL is set but SLACK_BOT_TOKEN is missing/],
    [{ ...base, SLACK_BOT_TOKEN: "xoxp-user-token" }, /SLACK_BOT_TOKEN must be a bot token \(xoxb-…\)/],
    [{ ...base, SLACK_DESK_CHANNEL: "#support" }, /SLACK_DESK_CHANNEL must be a channel ID/],
    [
      { ...base, SLACK_TEAM_CHANNELS: "billing:C0123" },
      /SLACK_TEAM_CHANNELS has an invalid entry "billing:C0123"/,
    ],
    [{ ...base, SLACK_TEAM_GROUPS: "billing=C0123" }, /SLACK_TEAM_GROUPS has an invalid entry/],
  ])("refuses %j with what to fix", (env, message) => {
    expect(() => slackOptionsFromEnv(env)).toThrow(ConfigError);
    expect(() => slackOptionsFromEnv(env)).toThrow(message);
  });

  it("merges into a larger schema with .extend(shape)", () => {
    const merged = z.object({ PORT: z.coerce.number().default(3000) }).extend(slackConfigSchema.shape);
    expect(merged.parse({})).toMatchObject({
      PORT: 3000,
      SLACK_API_URL: "https://slack.com/api/",
      SLACK_TEAM_CHANNELS: {},
    });
  });
});
