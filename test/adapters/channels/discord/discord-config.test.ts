import { describe, expect, it } from "vitest";
import {
  discordConfigSchema,
  discordOptionsFromEnv,
} from "../../../../adapters/channels/discord/discord-config.ts";
import { ConfigError } from "../../../../src/model/errors.ts";

const TOKEN = "MTEwMDAwMDAwMDAwMDAwMDAwMQ.GaBcDe.emulator-token-000000000000000000";

describe("Discord configuration", () => {
  it("is off without DISCORD_BOT_TOKEN", () => {
    expect(discordOptionsFromEnv({})).toBeUndefined();
    expect(discordOptionsFromEnv({ DISCORD_BOT_TOKEN: "  " })).toBeUndefined();
  });

  it("reads every variable, with defaults", () => {
    expect(discordOptionsFromEnv({ DISCORD_BOT_TOKEN: TOKEN })).toEqual({
      token: TOKEN,
      apiUrl: "https://discord.com/api",
      supportChannelIds: [],
      messageContent: true,
    });
    expect(
      discordOptionsFromEnv({
        DISCORD_BOT_TOKEN: `Bot ${TOKEN}`,
        DISCORD_APPLICATION_ID: "1100000000000000001",
        DISCORD_GUILD_ID: "1100000000000000100",
        DISCORD_SUPPORT_CHANNEL_IDS: "1100000000000000111, 1100000000000000112,",
        DISCORD_STAFF_ROLE_ID: "1100000000000000120",
        DISCORD_MESSAGE_CONTENT: "false",
        DISCORD_API_URL: "http://127.0.0.1:5555/api/",
      }),
    ).toEqual({
      token: TOKEN,
      apiUrl: "http://127.0.0.1:5555/api",
      applicationId: "1100000000000000001",
      guildId: "1100000000000000100",
      supportChannelIds: ["1100000000000000111", "1100000000000000112"],
      staffRoleId: "1100000000000000120",
      messageContent: false,
    });
  });

  it("names each bad variable and what to set, without echoing the token", () => {
    const attempt = () =>
      discordOptionsFromEnv({
        DISCORD_BOT_TOKEN: "not-a-token",
        DISCORD_SUPPORT_CHANNEL_IDS: "help",
        DISCORD_MESSAGE_CONTENT: "maybe",
        DISCORD_API_URL: "discord.com",
      });
    expect(attempt).toThrow(ConfigError);
    const message = (() => {
      try {
        attempt();
      } catch (error) {
        return (error as Error).message;
      }
      return "";
    })();
    expect(message).toMatch(/DISCORD_BOT_TOKEN: .*Reset Token/);
    expect(message).toMatch(/DISCORD_SUPPORT_CHANNEL_IDS: .*Copy Channel ID/);
    expect(message).toMatch(/DISCORD_MESSAGE_CONTENT: use true or false/);
    expect(message).toMatch(/DISCORD_API_URL: .*https:\/\/discord.com\/api/);
    expect(message).not.toContain("not-a-token");
  });

  it("exports a zod object the core config can extend", () => {
    expect(Object.keys(discordConfigSchema.shape)).toEqual([
      "DISCORD_BOT_TOKEN",
      "DISCORD_APPLICATION_ID",
      "DISCORD_GUILD_ID",
      "DISCORD_SUPPORT_CHANNEL_IDS",
      "DISCORD_STAFF_ROLE_ID",
      "DISCORD_MESSAGE_CONTENT",
      "DISCORD_API_URL",
    ]);
  });
});
